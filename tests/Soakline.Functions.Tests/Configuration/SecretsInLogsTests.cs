using System.Net;
using System.Net.Http.Json;
using Soakline.Functions.Tests.Infrastructure;

namespace Soakline.Functions.Tests.Configuration;

/// <summary>A busy session, including refused requests, logged at Debug: no secret shows up in any line.</summary>
public sealed class SecretsInLogsTests
{
    [Fact]
    public async Task No_secret_reaches_the_logs()
    {
        await using var app = new SoaklineAppFactory().AsFunctionsWorker().With("Soakline__ApiKeys", TestSettings.ApiKeys);
        var http = app.CreateClient();

        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push()))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push(), signature: "sha256=" + new string('a', 64)))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push(sha: new string('c', 40))))).StatusCode);

        using var withKey = new HttpRequestMessage(HttpMethod.Get, "/api/pipelines");
        withKey.Headers.Add("X-Api-Key", TestSettings.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(withKey)).StatusCode);
        using var bearer = new HttpRequestMessage(HttpMethod.Post, "/api/environments/production/rollback") { Content = JsonContent.Create(new { repository = "acme/shop", scope = "all", reason = "test" }) };
        bearer.Headers.Add("Authorization", "Bearer " + TestSettings.ApiKey);
        Assert.Equal(HttpStatusCode.Conflict, (await http.SendAsync(bearer)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/approvals/forged.token")).StatusCode);
        await app.IdleAsync();

        var logs = app.Logs.All;
        Assert.Contains("Started release", logs, StringComparison.Ordinal);
        Assert.Contains("GitHub webhook rejected", logs, StringComparison.Ordinal);
        foreach (var secret in TestSettings.Secrets)
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Structured_logs_carry_the_instance_id_and_the_commit()
    {
        await using var app = new SoaklineAppFactory();

        await app.CreateClient().SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push()));
        await app.PushesStartedAsync();

        var started = Assert.Single(app.Logs.Lines, l => l.Contains("Started release", StringComparison.Ordinal));
        Assert.Contains("InstanceId=release:acme:shop:main:" + GitHubDeliveries.Sha, started, StringComparison.Ordinal);
        Assert.Contains("Commit=" + GitHubDeliveries.Sha, started, StringComparison.Ordinal);
    }
}
