using System.Text.Json;
using Soakline.Cli.Tests.Infrastructure;

namespace Soakline.Cli.Tests;

/// <summary>The line view that programs polling the API themselves (the demo) print: the same as the CLI's.</summary>
public sealed class WatchLinesTests
{
    [Fact]
    public void Returns_only_what_each_answer_adds_and_the_ending()
    {
        var lines = new WatchLines();
        var soaking = ApiJson.Detail("Running", ApiJson.Status("production", "production"), ApiJson.Status("stage 1: soaking", "production", traffic: 5, soak: "00:00:10"), "Running",
            ApiJson.Entry("StageStarted", "production", "stage 1: 5%"));

        var first = lines.Next(JsonDocument.Parse(soaking).RootElement);
        var again = lines.Next(JsonDocument.Parse(soaking).RootElement);
        var ended = lines.Next(JsonDocument.Parse(ApiJson.Ended("RolledBack", "error-rate breached")).RootElement);

        Assert.Contains(first, l => l.Contains("StageStarted: stage 1: 5%", StringComparison.Ordinal));
        Assert.Contains(first, l => l.Contains("stage 1: soaking · traffic 5% · soak 0:10 left", StringComparison.Ordinal));
        Assert.Empty(again);
        Assert.Equal("ended: RolledBack: error-rate breached (exit 11)", ended[^1]);
    }

    [Fact]
    public void A_soak_at_its_end_says_so_instead_of_a_countdown()
    {
        var ending = ApiJson.Detail("Running", ApiJson.Status("production", "production"), ApiJson.Status("stage 4: soaking", "production", traffic: 100, soak: "00:00:00"));

        var lines = new WatchLines().Next(JsonDocument.Parse(ending).RootElement);

        Assert.Contains(lines, l => l.EndsWith("stage 4: soaking · traffic 100% · soak ending", StringComparison.Ordinal));
    }

    [Fact]
    public void An_answer_that_is_not_a_pipeline_is_refused() =>
        Assert.Throws<JsonException>(() => new WatchLines().Next(JsonDocument.Parse("""{"pipeline": 5}""").RootElement));
}
