using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

public sealed record ReleaseHistoryQuery(string Environment, string Component);
