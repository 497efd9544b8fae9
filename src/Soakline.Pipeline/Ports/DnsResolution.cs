namespace Soakline.Pipeline.Ports;

public sealed record DnsResolution(string Host, IReadOnlyList<string> Addresses, string? Error = null);
