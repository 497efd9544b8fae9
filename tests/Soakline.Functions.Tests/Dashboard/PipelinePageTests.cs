using System.Text.Json;
using Soakline.Functions.Api;
using Soakline.Functions.Dashboard;

namespace Soakline.Functions.Tests.Dashboard;

/// <summary>What the pipeline page derives from an environment run's status: the rollback target and the traffic hint.</summary>
public sealed class PipelinePageTests
{
    private static PipelineSummary Run(object status, object? input = null) => new(
        "release:acme:shop:main:abc:production",
        "ProductionOrchestrator",
        "Completed",
        DateTimeOffset.UnixEpoch,
        DateTimeOffset.UnixEpoch,
        JsonSerializer.SerializeToElement(status, JsonSerializerOptions.Web),
        input is null ? null : JsonSerializer.SerializeToElement(input, JsonSerializerOptions.Web));

    [Fact]
    public void Only_a_pipeline_with_an_environment_run_has_an_environment_to_roll_back()
    {
        Assert.Null(PipelinePage.ReachedEnvironment(null));
        Assert.Equal("production", PipelinePage.ReachedEnvironment(Run(new { stage = "released", environment = "production" })));
        Assert.Equal("staging", PipelinePage.ReachedEnvironment(Run(new { stage = "starting" }, new { environment = "staging" })));
    }

    [Fact]
    public void The_traffic_hint_says_what_was_requested_when_the_router_applied_another_share()
    {
        Assert.Equal("5% requested", PipelinePage.TrafficHint(Run(new { trafficPercent = 50, requestedPercent = 5 }).Status));
        Assert.Equal("canary share", PipelinePage.TrafficHint(Run(new { trafficPercent = 25, requestedPercent = 25 }).Status));
        Assert.Equal("serving 20261123T080000Z-1abcdef", PipelinePage.TrafficHint(Run(new { trafficPercent = 0, serving = "20261123T080000Z-1abcdef" }).Status));
    }
}
