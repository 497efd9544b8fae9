using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

public sealed record HostReleasesQuery(ComponentTarget Target, IReadOnlyList<string> Hosts);
