using System.Net;
using Octokit;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.GitHub;

/// <summary>
/// Turns Octokit's exceptions into <see cref="SourceControlException"/>s that say what the user has to fix. GitHub's
/// permission headers (<c>X-Accepted-GitHub-Permissions</c> for Apps, <c>X-Accepted-OAuth-Scopes</c> for tokens)
/// are quoted when present because they name exactly what is missing.
/// </summary>
internal static class GitHubErrorTranslator
{
    public static SourceControlException Translate(ApiException exception, GitHubOperation operation)
    {
        var headers = exception.HttpResponse?.Headers;
        var what = $"{operation.Description} on {operation.Repository}";
        // Credentials, permissions, missing repositories and refused requests stay wrong until someone fixes them
        // (permanent); anything else (5xx and the like) may pass on a retry.
        return exception.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new SourceControlException(
                $"GitHub rejected the credentials while trying to {what} (401 Unauthorized): the token is missing, invalid or expired. " +
                "Check GitHub:Token, or GitHub:AppId, GitHub:PrivateKeyPem and GitHub:InstallationId for a GitHub App.", exception) { IsPermanent = true },
            HttpStatusCode.Forbidden => new SourceControlException(
                $"GitHub refused to {what} (403 Forbidden): the credentials lack the '{operation.Permission}' permission." +
                AcceptedPermissions(headers) +
                " For a GitHub App, add the permission in the App's settings and accept it on the installation; for a token, grant the 'repo' scope (fine-grained: the same permission).", exception) { IsPermanent = true },
            HttpStatusCode.NotFound => new SourceControlException(
                $"GitHub found nothing to {what} (404 Not Found): the repository or ref does not exist, or it is not visible to these credentials. " +
                "For a GitHub App, install the App on the repository (or add the repository to the installation); for a token, check that it can see the repository.", exception) { IsPermanent = true },
            HttpStatusCode.UnprocessableEntity => new SourceControlException(
                $"GitHub rejected the request to {what} (422): {exception.Message}", exception) { IsPermanent = true },
            _ => new SourceControlException(
                $"GitHub failed to {what} ({(int)exception.StatusCode} {exception.StatusCode}): {exception.Message}", exception),
        };
    }

    public static SourceControlException RateLimitExhausted(GitHubOperation operation, RetryDecision last, int attempts) =>
        new($"GitHub kept refusing to {operation.Description} on {operation.Repository} because of a {last.Reason} after {attempts} attempt(s)" +
            (last.Delay is { } wait ? $"; the next wait would be {wait:g}" : "") + ". Try again later or lower the request rate.");

    private static string AcceptedPermissions(IReadOnlyDictionary<string, string>? headers)
    {
        var appPermissions = GitHubRetryDelay.Header(headers, "x-accepted-github-permissions");
        var scopes = GitHubRetryDelay.Header(headers, "x-accepted-oauth-scopes");
        var text = "";
        if (!string.IsNullOrWhiteSpace(appPermissions))
        {
            text += $" GitHub accepts: {appPermissions}.";
        }

        if (!string.IsNullOrWhiteSpace(scopes))
        {
            text += $" Accepted token scopes: {scopes}.";
        }

        return text;
    }
}
