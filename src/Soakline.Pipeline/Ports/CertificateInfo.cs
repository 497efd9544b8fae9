namespace Soakline.Pipeline.Ports;

/// <param name="NotAfter">Expiry; null when no certificate could be read (see <paramref name="Error"/>).</param>
public sealed record CertificateInfo(string Host, DateTimeOffset? NotAfter, string? Subject, string? Error = null);
