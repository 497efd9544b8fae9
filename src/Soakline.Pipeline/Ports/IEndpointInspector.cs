namespace Soakline.Pipeline.Ports;

/// <summary>The monitor's TLS-expiry and DNS checks: looks at an endpoint from the outside.</summary>
public interface IEndpointInspector
{
    /// <summary>The certificate a host presents on a TLS port.</summary>
    Task<CertificateInfo> GetCertificateAsync(string host, int port, CancellationToken cancellationToken);

    /// <summary>The addresses a host name resolves to; an empty list when it does not resolve.</summary>
    Task<DnsResolution> ResolveAsync(string host, CancellationToken cancellationToken);
}
