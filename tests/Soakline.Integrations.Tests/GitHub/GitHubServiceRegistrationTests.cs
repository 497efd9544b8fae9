using Microsoft.Extensions.DependencyInjection;
using Soakline.Integrations.GitHub;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Tests.GitHub;

public sealed class GitHubServiceRegistrationTests
{
    [Fact]
    public async Task Registered_ports_resolve_and_talk_to_the_configured_host()
    {
        using var api = new GitHubFakeApi();
        api.Map("GET", "/repos/acme/ops/issues", 200, "[]");
        await using var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(api.Clock)
            .AddSoaklineGitHub(api.Settings)
            .BuildServiceProvider();

        Assert.IsType<GitHubSourceControl>(provider.GetRequiredService<ISourceControl>());
        Assert.IsType<GitHubArtifactSource>(provider.GetRequiredService<IArtifactSource>());
        Assert.False(await provider.GetRequiredService<IIncidentTracker>().ResolveAsync("k", "done", CancellationToken.None));
        Assert.Single(api.Http.Requests);
    }

    [Fact]
    public void Without_an_incident_repository_no_incident_tracker_is_registered()
    {
        using var provider = new ServiceCollection().AddSoaklineGitHub(new GitHubSettings { Token = "t" }).BuildServiceProvider();

        Assert.Null(provider.GetService<IIncidentTracker>());
    }

    [Fact]
    public void Invalid_settings_fail_at_registration()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddSoaklineGitHub(new GitHubSettings { Token = "t", IncidentRepository = "no-slash" }));

        Assert.Contains("GitHub:IncidentRepository", error.Message, StringComparison.Ordinal);
    }
}
