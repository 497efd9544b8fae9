using Soakline.Integrations.Traffic;
using Soakline.Integrations.Traffic.Nginx;

namespace Soakline.Integrations.Tests.Traffic;

public sealed class TrafficMathTests
{
    [Theory]
    [InlineData(5, 4, 1, 25.0)]
    [InlineData(25, 4, 1, 25.0)]
    [InlineData(26, 4, 2, 50.0)]
    [InlineData(50, 5, 3, 60.0)]
    [InlineData(100, 5, 5, 100.0)]
    [InlineData(0, 5, 0, 0.0)]
    [InlineData(5, 20, 1, 5.0)]
    public void Canary_hosts_are_the_first_ceil_p_times_n(int percent, int hosts, int expected, double effective)
    {
        var names = Enumerable.Range(1, hosts).Select(i => $"h{i}").ToList();

        var selected = CanaryHostSelection.Select(names, percent);

        Assert.Equal(names.Take(expected), selected);
        Assert.Equal(effective, CanaryHostSelection.EffectivePercent(selected.Count, hosts));
    }

    [Fact]
    public void A_percentage_outside_0_to_100_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CanaryHostSelection.Select(["a"], 101));

    [Theory]
    [InlineData(25, 1, 1, 1, 3)]
    [InlineData(5, 1, 3, 3, 19)]
    [InlineData(50, 2, 2, 1, 1)]
    [InlineData(0, 1, 1, 0, 1)]
    [InlineData(100, 1, 1, 1, 0)]
    public void Weights_give_the_canary_group_exactly_the_requested_share(int percent, int canary, int stable, int canaryWeight, int stableWeight)
    {
        var weights = NginxWeights.For(percent, canary, stable);

        Assert.Equal(new NginxWeights(canaryWeight, stableWeight), weights);
        Assert.Equal(percent, weights.EffectivePercent(canary, stable));
    }

    [Fact]
    public void A_share_for_a_group_without_hosts_is_refused()
    {
        Assert.Throws<TrafficShiftException>(() => NginxWeights.For(10, 0, 2));
        Assert.Throws<TrafficShiftException>(() => NginxWeights.For(90, 2, 0));
    }

    [Fact]
    public void The_upstream_file_lists_only_weighted_servers_and_refuses_directive_shaped_values()
    {
        var backends = new[] { new NginxBackend("web-1", "10.0.0.1", 8080, false), new NginxBackend("web-2", "10.0.0.2", 8080, true) };

        var text = NginxUpstreamFile.Render("app", "web", backends, new NginxWeights(0, 1));

        Assert.Contains("upstream app {\n    server 10.0.0.1:8080 weight=1;", text);
        Assert.DoesNotContain("10.0.0.2", text);
        Assert.Throws<ArgumentException>(() => NginxUpstreamFile.Render("app; }", "web", backends, new NginxWeights(1, 1)));
        Assert.Throws<ArgumentException>(() =>
            NginxUpstreamFile.Render("app", "web", [new NginxBackend("x", "10.0.0.1; include /etc/passwd", 80, false)], new NginxWeights(1, 1)));
    }
}
