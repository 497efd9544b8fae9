using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Adapters;
using Soakline.Integrations.Deploy.Local;
using Soakline.Integrations.GitHub;
using Soakline.Integrations.Health;
using Soakline.Integrations.Traffic;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Tests.Adapters;

/// <summary>The pipeline's ports get the adapters their configuration sections ask for, or a start-up problem naming the section.</summary>
public sealed class AdapterRegistrationTests
{
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
    public void Without_settings_nothing_optional_is_registered_and_only_the_missing_source_control_is_warned_about()
    {
        var (services, problems) = Register([]);

        Assert.Empty(problems.All);
        Assert.IsType<UnconfiguredSourceControl>(services.GetService<ISourceControl>());
        Assert.Contains("no source control is configured", Assert.Single(problems.Warnings), StringComparison.Ordinal);
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
