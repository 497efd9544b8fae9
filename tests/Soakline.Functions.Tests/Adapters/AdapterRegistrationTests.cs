using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Adapters;
using Soakline.Integrations.Deploy.Local;
using Soakline.Integrations.GitHub;
using Soakline.Integrations.Deploy.Artifacts;
using Soakline.Integrations.Health;
using Soakline.Integrations.LocalGit;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Integrations.Traffic;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Tests.Adapters;

/// <summary>The pipeline's ports get the adapters their configuration sections ask for, or a start-up problem naming the section.</summary>
public sealed class AdapterRegistrationTests
{
    [Fact]
    public void A_local_clone_alone_serves_source_control_and_artifacts_from_git()
    {
        using var clone = new LocalClone();
        var (services, problems) = Register(new() { [$"Soakline:LocalGit:Repositories:{LocalClone.Repository}"] = clone.Path });

        Assert.Empty(problems.All);
        Assert.IsType<LocalGitSourceControl>(services.GetRequiredService<ISourceControl>());
        Assert.IsType<GitArchiveArtifactSource>(services.GetRequiredService<IArtifactSource>());
        Assert.True(services.GetRequiredService<LocalGitClones>().Serves(LocalClone.Repository));
        Assert.NotNull(services.GetService<LocalGitCommits>());
    }

    [Fact]
    public void A_local_clone_beside_github_serves_its_repository_locally_in_front_of_github()
    {
        using var clone = new LocalClone();
        var (services, problems) = Register(new()
        {
            ["Soakline:GitHub:Token"] = "ghp_test_token_value",
            [$"Soakline:LocalGit:Repositories:{LocalClone.Repository}"] = clone.Path,
        });

        Assert.Empty(problems.All);
        Assert.IsType<LocalFirstSourceControl>(services.GetRequiredService<ISourceControl>());
        Assert.IsType<LocalFirstArtifactSource>(services.GetRequiredService<IArtifactSource>());
        Assert.Single(services.GetServices<ISourceControl>());
    }

    [Fact]
    public void Clones_that_cannot_work_are_start_up_problems_each_naming_its_setting()
    {
        var notGit = Directory.CreateTempSubdirectory("soakline-not-git-").FullName;
        try
        {
            var (_, problems) = Register(new()
            {
                ["Soakline:LocalGit:Repositories:acme/missing"] = "/nonexistent/soakline-clone",
                ["Soakline:LocalGit:Repositories:acme/plain"] = notGit,
                ["Soakline:LocalGit:Repositories:no-owner"] = notGit,
            });

            Assert.Contains(problems.All, p => p.StartsWith("Soakline__LocalGit__Repositories__acme/missing: '/nonexistent/soakline-clone' does not exist", StringComparison.Ordinal));
            Assert.Contains(problems.All, p => p.StartsWith("Soakline__LocalGit__Repositories__acme/plain:", StringComparison.Ordinal) && p.Contains("is not a git repository", StringComparison.Ordinal));
            Assert.Contains(problems.All, p => p.StartsWith("Soakline__LocalGit__Repositories__no-owner: 'no-owner' is not a repository name", StringComparison.Ordinal));
            Assert.Equal(3, problems.All.Count);
        }
        finally
        {
            Directory.Delete(notGit, recursive: true);
        }
    }

    private static (ServiceProvider Services, AdapterProblems Problems) Register(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddSoaklineAdapters(configuration);
        var provider = services.BuildServiceProvider();
        return (provider, provider.GetRequiredService<AdapterProblems>());
    }

    [Fact]
    public void Local_hosts_and_a_github_token_give_every_port_an_adapter()
    {
        var (services, problems) = Register(new()
        {
            ["Soakline:GitHub:Token"] = "ghp_test_token_value",
            ["Soakline:GitHub:IncidentRepository"] = "acme/ops",
            ["Soakline:Local:Hosts:web-1:Address"] = "127.0.0.1",
            ["Soakline:Local:Hosts:web-1:BaseDirectory"] = "/tmp/soakline-web-1",
        });

        Assert.Empty(problems.All);
        Assert.IsType<GitHubSourceControl>(services.GetRequiredService<ISourceControl>());
        Assert.IsType<GitHubIncidentTracker>(services.GetRequiredService<IIncidentTracker>());
        Assert.IsType<Soakline.Functions.Observability.TracingDeployTarget>(services.GetRequiredService<IDeployTarget>());
        // Wrapped so every health check becomes a probe sample of the release its host serves (Adapters/Probes).
        Assert.IsType<Soakline.Functions.Adapters.Probes.ReleaseTrackingRouter>(services.GetRequiredService<ITrafficRouter>());
        Assert.IsType<Soakline.Functions.Adapters.Probes.SamplingHealthProbe>(services.GetRequiredService<IHealthProbe>());
        Assert.NotEmpty(services.GetServices<IMetricsProvider>());
        Assert.NotNull(services.GetRequiredService<INotifier>());
    }

    [Fact]
    public void Without_settings_nothing_optional_is_registered_and_source_control_is_the_unconfigured_stand_in()
    {
        var (services, problems) = Register([]);

        Assert.Empty(problems.All);
        // Resolvable, so the start check can name it: StartupSettingsCheck refuses to start on it.
        Assert.IsType<UnconfiguredSourceControl>(services.GetService<ISourceControl>());
        Assert.Empty(problems.Warnings);
        Assert.Null(services.GetService<IDeployTarget>());
        Assert.Null(services.GetService<IApprovalNotifier>());
    }

    [Fact]
    public void An_incomplete_github_app_is_a_start_up_problem_naming_the_setting_not_the_key()
    {
        var (_, problems) = Register(new()
        {
            ["Soakline:GitHub:AppId"] = "123456",
            ["Soakline:GitHub:PrivateKey"] = "-----BEGIN RSA PRIVATE KEY-----secret-----END RSA PRIVATE KEY-----",
        });

        var problem = Assert.Single(problems.All);
        Assert.StartsWith("Soakline__GitHub: GitHub:InstallationId", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_smtp_section_is_reported_with_its_name()
    {
        var (_, problems) = Register(new() { ["Soakline:Smtp:Host"] = "smtp.example.com" });

        Assert.StartsWith("Soakline__Smtp: ", Assert.Single(problems.All), StringComparison.Ordinal);
    }
}
