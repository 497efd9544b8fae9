using System.Collections.Concurrent;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Tests.Orchestration.Fakes;

internal sealed class FakeNotifier : INotifier
{
    public ConcurrentQueue<Notification> Sent { get; } = new();

    public Task NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        Sent.Enqueue(notification);
        return Task.CompletedTask;
    }
}

internal sealed class FakeArtifactSource : IArtifactSource
{
    public Task<ArtifactInfo> WriteTarballAsync(CommitRef commit, string destinationPath, CancellationToken cancellationToken) =>
        Task.FromResult(new ArtifactInfo(destinationPath, 1024, "0000"));
}

internal sealed class FakeSecretResolver : ISecretResolver
{
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public Task<IReadOnlyDictionary<string, string>> ResolveAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(names.Where(Values.ContainsKey).ToDictionary(n => n, n => Values[n], StringComparer.Ordinal));
}

internal sealed class FakeEndpointInspector : IEndpointInspector
{
    public ConcurrentDictionary<string, DateTimeOffset> CertificateExpiry { get; } = new();

    public ConcurrentDictionary<string, string> Addresses { get; } = new();

    /// <summary>When set, every call throws, as a crashed resolver or TLS client would.</summary>
    public bool Broken { get; set; }

    public Task<CertificateInfo> GetCertificateAsync(string host, int port, CancellationToken cancellationToken) =>
        Broken ? throw new InvalidOperationException("resolver crashed") : Task.FromResult(CertificateExpiry.TryGetValue(host, out var notAfter)
            ? new CertificateInfo(host, notAfter, $"CN={host}")
            : new CertificateInfo(host, null, null, "connection refused"));

    public Task<DnsResolution> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Broken ? throw new InvalidOperationException("resolver crashed") : Task.FromResult(Addresses.TryGetValue(host, out var address) ? new DnsResolution(host, [address]) : new DnsResolution(host, [], "NXDOMAIN"));
}
