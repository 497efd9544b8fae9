using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Soakline.Functions.Api;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Tests.Api;

/// <summary><c>/api/metrics/dora</c> computes the figures from what the pipelines recorded in the release store.</summary>
public sealed class DoraTests
{
    [Fact]
    public async Task The_figures_come_from_the_recorded_releases_failures_and_restores()
    {
        await using var app = new SoaklineAppFactory();
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", TestSettings.ApiKey);
        var store = app.Services.GetRequiredService<IReleaseStore>();
        var now = app.Clock.GetUtcNow();
        async Task Record(string id, string pipeline, TransitionKind kind, TimeSpan ago, DateTimeOffset? committedAt = null) =>
            await store.RecordAsync(new ReleaseTransition(id, pipeline, "production", kind, now - ago, kind.ToString(), CommittedAt: committedAt), CancellationToken.None);

        await Record("1", "p1", TransitionKind.Released, TimeSpan.FromDays(3), now - TimeSpan.FromDays(3) - TimeSpan.FromHours(2));
        await Record("2", "p2", TransitionKind.Released, TimeSpan.FromDays(2), now - TimeSpan.FromDays(2) - TimeSpan.FromHours(4));
        await Record("3", "p3", TransitionKind.ChangeFailed, TimeSpan.FromDays(1));
        await Record("4", "p3", TransitionKind.Restored, TimeSpan.FromDays(1) - TimeSpan.FromMinutes(30));
        await Record("5", "p9", TransitionKind.Released, TimeSpan.FromDays(40), now - TimeSpan.FromDays(41));

        var dora = (await http.GetFromJsonAsync<DoraReport>("/api/metrics/dora?environment=production&days=30"))!;

        Assert.Equal(("production", 3, 1), (dora.Environment, dora.Deployments, dora.FailedChanges));
        Assert.Equal(3.0 / 30, dora.DeploymentsPerDay, 6);
        Assert.Equal(3.0, dora.MedianLeadTimeHours!.Value, 6);
        Assert.Equal(1.0 / 3, dora.ChangeFailureRate!.Value, 6);
        Assert.Equal(0.5, dora.MedianTimeToRestoreHours!.Value, 6);
        Assert.Equal(now, dora.To);
    }
}
