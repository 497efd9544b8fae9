using Soakline.Functions.Webhooks;

namespace Soakline.Functions.Releases;

/// <summary>Starts the release pipeline of one push, at most once per repository, branch and commit.</summary>
internal interface IReleaseStarter
{
    Task<ReleaseStart> StartAsync(PushReceived push, CancellationToken cancellationToken);
}
