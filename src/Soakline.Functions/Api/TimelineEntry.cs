using System.Text.Json;
using Microsoft.DurableTask.Client;
using Soakline.Functions.Watchdog;

namespace Soakline.Functions.Api;

/// <summary>One step in a pipeline's history.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Kind, string Environment, string Detail, string? Actor = null, string? Release = null);
