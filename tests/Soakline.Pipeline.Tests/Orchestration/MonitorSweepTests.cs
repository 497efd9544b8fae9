using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Tests.Orchestration;

public sealed class MonitorSweepTests : IAsyncLifetime
{
    private PipelineHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await PipelineHarness.StartAsync();
        _h.Endpoints.CertificateExpiry["shop.example.com"] = PipelineHarness.Start.AddDays(90);
        _h.Endpoints.Addresses["shop.example.com"] = "203.0.113.10";
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<MonitorSweepOutcome> SweepAsync(string spec = TestSpecs.Default)
    {
        var id = await _h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(MonitorSweepOrchestrator), new MonitorSweepRequest(PipelineHarness.Repository, spec), CancellationToken.None);
        return await _h.RunAsync<MonitorSweepOutcome>(id);
    }

    [Fact]
    public async Task Healthy_endpoints_pass_every_check()
    {
        var outcome = await SweepAsync();

        Assert.True(outcome.AllPassed);
        Assert.Equal(["api-health", "certificate", "dns"], outcome.Checks.Select(c => c.Name));
        Assert.Empty(_h.Incidents.Reports);
    }

    [Fact]
    public async Task A_failing_check_opens_one_incident_updates_it_and_resolves_it_on_recovery()
    {
        _h.Health.UnhealthyHosts["shop.example.com"] = true;
        _h.Endpoints.CertificateExpiry["shop.example.com"] = PipelineHarness.Start.AddDays(5);

        var first = await SweepAsync();
        var second = await SweepAsync();

        Assert.Equal(["opened", "opened", null], first.Checks.Select(c => c.IncidentChange));
        Assert.Equal(["updated", "updated", null], second.Checks.Select(c => c.IncidentChange));
        Assert.Equal(2, _h.Incidents.Open.Count);
        Assert.Equal(2, _h.Notifier.Sent.Count(n => n.Severity == Severity.Critical));
        Assert.Contains("expires 2026-11-28", first.Checks[1].Detail, StringComparison.Ordinal);

        _h.Health.UnhealthyHosts.Clear();
        var third = await SweepAsync();

        Assert.Equal("resolved", third.Checks[0].IncidentChange);
        Assert.Equal(["monitor:production:api-health"], _h.Incidents.Resolved);
        Assert.Contains(_h.Notifier.Sent, n => n.Severity == Severity.Info && n.Title.StartsWith("Recovered: api-health", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_check_that_cannot_run_is_a_failing_check_not_a_failed_sweep()
    {
        _h.Endpoints.Broken = true;

        var outcome = await SweepAsync();

        Assert.Equal(["certificate", "dns"], outcome.Checks.Where(c => !c.Passed).Select(c => c.Name));
        Assert.Contains("could not run", outcome.Checks[1].Detail, StringComparison.Ordinal);
        Assert.All(_h.Notifier.Sent, n => Assert.Equal(["ops"], n.Channels.Select(c => c.Name)));
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_fails_the_dns_check()
    {
        _h.Endpoints.Addresses.Clear();

        var outcome = await SweepAsync();

        var dns = Assert.Single(outcome.Checks, c => !c.Passed);
        Assert.Equal("dns", dns.Name);
        Assert.Contains("NXDOMAIN", dns.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_check_aimed_outside_its_environment_is_not_run_and_opens_no_incident()
    {
        var spec = TestSpecs.Default.Replace("url: https://shop.example.com/health", "url: http://169.254.169.254/latest/meta-data", StringComparison.Ordinal);

        var outcome = await SweepAsync(spec);

        var refused = outcome.Checks[0];
        Assert.Equal("api-health", refused.Name);
        Assert.False(refused.Passed);
        Assert.Null(refused.IncidentChange);
        Assert.Contains("not run: refused by the protection policy: '169.254.169.254' is a link-local address", refused.Detail, StringComparison.Ordinal);
        Assert.Empty(_h.Health.Requests);
        Assert.Empty(_h.Incidents.Reports);
        Assert.True(outcome.Checks[1].Passed);
    }
}
