using Octokit;
using Octokit.Internal;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.GitHub;

/// <summary>
/// Octokit credential store for a GitHub App installation: exchanges an App JWT for an installation token, caches it
/// and replaces it <see cref="GitHubSettings.TokenRefreshMargin"/> before it expires. Octokit asks the store before
/// every request, so a long-running process never sends an expired token.
/// </summary>
internal sealed class GitHubAppCredentialStore : ICredentialStore, IDisposable
{
    private readonly GitHubSettings _settings;
    private readonly TimeProvider _timeProvider;
    private readonly GitHubAppJwtFactory _jwtFactory;
    private readonly GitHubCallExecutor _executor;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private AccessToken? _current;

    public GitHubAppCredentialStore(GitHubSettings settings, TimeProvider timeProvider, GitHubCallExecutor executor)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (!settings.UsesApp)
        {
            throw new ArgumentException("GitHub App credentials need GitHub:AppId, GitHub:InstallationId and GitHub:PrivateKeyPem.");
        }

        _settings = settings;
        _timeProvider = timeProvider;
        _executor = executor;
        _jwtFactory = new GitHubAppJwtFactory(settings.AppId!.Value, settings.PrivateKeyPem!, timeProvider);
    }

    /// <summary>How many installation tokens were minted; visible for diagnostics and tests.</summary>
    public int TokensIssued { get; private set; }

    public async Task<Credentials> GetCredentials()
    {
        if (IsFresh(_current))
        {
            return Bearer(_current!);
        }

        await _refreshLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!IsFresh(_current))
            {
                _current = await MintInstallationTokenAsync().ConfigureAwait(false);
                TokensIssued++;
            }

            return Bearer(_current!);
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private bool IsFresh(AccessToken? token) =>
        token is not null && token.ExpiresAt - _settings.TokenRefreshMargin > _timeProvider.GetUtcNow();

    private async Task<AccessToken> MintInstallationTokenAsync()
    {
        var appClient = GitHubClientFactory.CreateClient(_settings, new InMemoryCredentialStore(new Credentials(_jwtFactory.CreateToken(), AuthenticationType.Bearer)));
        var operation = new GitHubOperation(
            $"create an installation token for installation {_settings.InstallationId}", $"GitHub App {_settings.AppId}", "the App's private key");
        try
        {
            return await _executor.RunAsync(operation, () => appClient.GitHubApps.CreateInstallationToken(_settings.InstallationId!.Value), CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (SourceControlException ex) when (ex.InnerException is NotFoundException)
        {
            throw new SourceControlException(
                $"GitHub App {_settings.AppId} has no installation {_settings.InstallationId} (404): install the App on the account that owns the repositories and set GitHub:InstallationId to that installation's id.", ex.InnerException);
        }
        catch (SourceControlException ex) when (ex.InnerException is AuthorizationException)
        {
            throw new SourceControlException(
                $"GitHub rejected the App's JSON Web Token (401): check that GitHub:AppId is {_settings.AppId}'s id, that GitHub:PrivateKeyPem is a current key of that App, and that this machine's clock is right.", ex.InnerException);
        }
    }

    private static Credentials Bearer(AccessToken token) => new(token.Token, AuthenticationType.Bearer);

    public void Dispose()
    {
        _jwtFactory.Dispose();
        _refreshLock.Dispose();
    }
}
