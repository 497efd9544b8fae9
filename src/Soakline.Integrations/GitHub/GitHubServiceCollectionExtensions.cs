using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Octokit;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.GitHub;

public static class GitHubServiceCollectionExtensions
{
    /// <summary>
    /// Registers GitHub as <see cref="ISourceControl"/>, <see cref="IArtifactSource"/> and, when
    /// <see cref="GitHubSettings.IncidentRepository"/> is set, <see cref="IIncidentTracker"/>. Settings are checked
    /// here, at startup, so a misconfiguration fails the host instead of the first release.
    /// </summary>
    public static IServiceCollection AddSoaklineGitHub(this IServiceCollection services, GitHubSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        services.AddSingleton(settings);
        services.AddSingleton(sp => new GitHubCallExecutor(settings, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetService<ILogger<GitHubCallExecutor>>()));
        services.AddSingleton<IGitHubClient>(sp => GitHubClientFactory.Create(settings, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<GitHubCallExecutor>()));
        services.AddSingleton<ISourceControl, GitHubSourceControl>();
        services.AddSingleton<IArtifactSource, GitHubArtifactSource>();
        if (!string.IsNullOrWhiteSpace(settings.IncidentRepository))
        {
            _ = settings.GetIncidentRepository();
            services.AddSingleton<IIncidentTracker, GitHubIncidentTracker>();
        }

        return services;
    }
}
