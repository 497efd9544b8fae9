using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

public sealed record CheckResult(string Name, CheckState State, string? DetailsUrl = null);
