using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

public sealed record IncidentResolution(string Key, string Resolution);
