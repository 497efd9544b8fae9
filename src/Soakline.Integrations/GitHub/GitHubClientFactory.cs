using Octokit;
using Octokit.Internal;

namespace Soakline.Integrations.GitHub;

/// <summary>Creates Octokit clients for the configured host and authentication.</summary>
internal static class GitHubClientFactory
{
    /// <summary>A client that authenticates as the App installation or with the token, as the settings say.</summary>
    public static IGitHubClient Create(GitHubSettings settings, TimeProvider timeProvider, GitHubCallExecutor executor)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        ICredentialStore credentials = settings.UsesApp
            ? new GitHubAppCredentialStore(settings, timeProvider, executor)
            : new InMemoryCredentialStore(new Credentials(settings.Token, AuthenticationType.Bearer));
        return CreateClient(settings, credentials);
    }

    internal static GitHubClient CreateClient(GitHubSettings settings, ICredentialStore credentials) =>
        new(new ProductHeaderValue(settings.ProductName), credentials, settings.BaseUrl ?? GitHubClient.GitHubApiUrl);
}
