using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using WireMock.Logging;
using WireMock.Server;
using WireMock.Settings;

namespace Soakline.Integrations.Tests.Fixtures;

/// <summary>
/// A WireMock server on a free loopback port that speaks whatever API a test maps, over HTTP or HTTPS (a fresh
/// self-signed certificate, trusted only by clients built from <see cref="CreateTrustingHandler"/>). Tests assert the
/// exact requests through <see cref="Requests"/>.
/// </summary>
public sealed class HttpApiServer : IDisposable
{
    private readonly X509Certificate2? _certificate;

    private HttpApiServer(WireMockServer server, X509Certificate2? certificate)
    {
        Server = server;
        _certificate = certificate;
    }

    public WireMockServer Server { get; }

    public Uri BaseUrl => new(Server.Url! + "/");

    public static HttpApiServer StartHttp() =>
        new(WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"], StartAdminInterface = false }), null);

    public static HttpApiServer StartHttps()
    {
        var certificate = CreateSelfSignedCertificate();
        var server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = ["https://127.0.0.1:0"],
            UseSSL = true,
            StartAdminInterface = false,
            CertificateSettings = new WireMockCertificateSettings { X509Certificate = certificate },
        });
        return new HttpApiServer(server, certificate);
    }

    /// <summary>The requests received, in order.</summary>
    public IReadOnlyList<ILogEntry> Requests => Server.LogEntries.OrderBy(e => e.RequestMessage!.DateTime).ToList();

    public IReadOnlyList<ILogEntry> RequestsTo(string path) => Requests.Where(e => e.RequestMessage!.Path == path).ToList();

    public static string? Header(ILogEntry entry, string name) =>
        entry.RequestMessage!.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    public static JsonNode? JsonBody(ILogEntry entry) => JsonNode.Parse(entry.RequestMessage!.Body ?? "null");

    /// <summary>A handler that trusts exactly this server's certificate and nothing else.</summary>
    public HttpClientHandler CreateTrustingHandler()
    {
        var expected = _certificate ?? throw new InvalidOperationException("This server does not use TLS.");
        return new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert is not null && cert.Thumbprint == expected.Thumbprint,
        };
    }

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
        _certificate?.Dispose();
    }

    private static X509Certificate2 CreateSelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        // Kestrel needs the private key in an exportable, persisted form; a PFX round trip gives it that.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
    }
}
