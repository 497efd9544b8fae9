using System.Text.Json;
using Microsoft.DurableTask.Client;
using Soakline.Functions.Watchdog;

namespace Soakline.Functions.Api;

/// <summary>A pipeline with its environment runs and its history, oldest first.</summary>
public sealed record PipelineDetail(PipelineSummary Pipeline, IReadOnlyList<PipelineSummary> EnvironmentRuns, IReadOnlyList<TimelineEntry> Timeline);
