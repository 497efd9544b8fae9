using Soakline.Functions.Webhooks;

namespace Soakline.Functions.Releases;

/// <summary>Starts the release pipeline of one push, at most once per repository, branch and commit.</summary>
public interface IReleaseStarter
{
    Task<ReleaseStart> StartAsync(PushReceived push, CancellationToken cancellationToken);
}

/// <param name="Started">False when the pipeline for this commit already existed (a redelivery): nothing was changed.</param>
public sealed record ReleaseStart(string InstanceId, bool Started);
