using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Adapters;

/// <summary>
/// The monitor's outside view of an endpoint: DNS through the system resolver, and the certificate a host presents in
/// a TLS handshake. The certificate is read, not trusted: an expired or self-signed one must still be reported.
/// </summary>
internal sealed class NetworkEndpointInspector : IEndpointInspector
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5359", Justification = "The handshake only reads the presented certificate to report its expiry; nothing is sent over the connection, and an invalid certificate is exactly what the check must still see.")]
    public async Task<CertificateInfo> GetCertificateAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(host, port, timeout.Token);
            X509Certificate2? presented = null;
            await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, _) =>
            {
                presented = certificate is null ? null : new X509Certificate2(certificate);
                return true;
            });
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host }, timeout.Token);
            using (presented)
            {
                return presented is null
                    ? new CertificateInfo(host, null, null, "the host presented no certificate")
                    : new CertificateInfo(host, new DateTimeOffset(presented.NotAfter.ToUniversalTime()), presented.Subject);
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
        {
            return new CertificateInfo(host, null, null, ex is OperationCanceledException ? $"no TLS handshake within {Timeout.TotalSeconds:0} s" : ex.Message);
        }
    }

    public async Task<DnsResolution> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
            return new DnsResolution(host, addresses.Select(a => a.ToString()).ToList());
        }
        catch (SocketException ex)
        {
            return new DnsResolution(host, [], ex.Message);
        }
    }
}
