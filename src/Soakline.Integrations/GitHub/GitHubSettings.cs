using Soakline.Pipeline.Domain;

namespace Soakline.Integrations.GitHub;

/// <summary>
/// Settings section <c>GitHub</c>. Authenticate either as a GitHub App installation (<see cref="AppId"/>,
/// <see cref="InstallationId"/>, <see cref="PrivateKeyPem"/>) or with a plain <see cref="Token"/>.
/// </summary>
public sealed class GitHubSettings
{
    /// <summary>
    /// The API root; empty for github.com. For GitHub Enterprise Server give the host (<c>https://ghe.example.com/</c>):
    /// Octokit appends <c>api/v3/</c> to any host other than api.github.com.
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>A personal access token or any other bearer token; used only when no App is configured.</summary>
    public string? Token { get; set; }

    public long? AppId { get; set; }

    public long? InstallationId { get; set; }

    /// <summary>The App's private key as downloaded from GitHub (PEM, PKCS#1 or PKCS#8).</summary>
    public string? PrivateKeyPem { get; set; }

    /// <summary>The User-Agent product name GitHub asks every client to send.</summary>
    public string ProductName { get; set; } = "Soakline";

    /// <summary>Where incidents are filed as issues, "owner/name".</summary>
    public string? IncidentRepository { get; set; }

    /// <summary>The label every incident issue carries; open incidents are looked up by it.</summary>
    public string IncidentLabel { get; set; } = "soakline-incident";

    /// <summary>How often one call is retried after a rate limit or a 5xx before it fails.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The longest single wait for a rate limit; a longer reset fails the call instead of stalling the activity.</summary>
    public TimeSpan MaxRetryWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>An installation token is replaced this long before it expires (they live one hour).</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    public bool UsesApp => AppId is not null || InstallationId is not null || !string.IsNullOrWhiteSpace(PrivateKeyPem);

    /// <summary>Checks the settings; the error names the setting at fault, never a secret's value.</summary>
    public void Validate()
    {
        if (UsesApp)
        {
            if (AppId is null or <= 0)
            {
                throw new ArgumentException("GitHub:AppId must be the GitHub App's numeric id when GitHub App authentication is used.");
            }

            if (InstallationId is null or <= 0)
            {
                throw new ArgumentException("GitHub:InstallationId must be the numeric id of the App's installation on the account that owns the repositories.");
            }

            if (string.IsNullOrWhiteSpace(PrivateKeyPem))
            {
                throw new ArgumentException("GitHub:PrivateKeyPem must hold the GitHub App's private key (PEM).");
            }
        }
        else if (string.IsNullOrWhiteSpace(Token))
        {
            throw new ArgumentException("GitHub: set either GitHub:Token, or GitHub:AppId, GitHub:InstallationId and GitHub:PrivateKeyPem.");
        }

        if (BaseUrl is { IsAbsoluteUri: false } || BaseUrl is { Scheme: not ("http" or "https") })
        {
            throw new ArgumentException($"GitHub:BaseUrl '{BaseUrl}' must be an absolute http(s) URL.");
        }

        if (MaxRetries < 0)
        {
            throw new ArgumentException($"GitHub:MaxRetries must not be negative (was {MaxRetries}).");
        }

        if (MaxRetryWait < TimeSpan.Zero || TokenRefreshMargin < TimeSpan.Zero || TokenRefreshMargin >= TimeSpan.FromMinutes(55))
        {
            throw new ArgumentException("GitHub:MaxRetryWait must not be negative and GitHub:TokenRefreshMargin must be between 0 and 55 minutes.");
        }

        if (string.IsNullOrWhiteSpace(IncidentLabel))
        {
            throw new ArgumentException("GitHub:IncidentLabel must not be empty.");
        }
    }

    /// <summary>The incident repository, parsed; the error names the setting.</summary>
    public RepositoryRef GetIncidentRepository()
    {
        if (string.IsNullOrWhiteSpace(IncidentRepository))
        {
            throw new ArgumentException("GitHub:IncidentRepository must name the repository for incident issues, as 'owner/name'.");
        }

        try
        {
            return RepositoryRef.Parse(IncidentRepository);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"GitHub:IncidentRepository: {ex.Message}", ex);
        }
    }
}
