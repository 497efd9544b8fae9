using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Tests.Orchestration;

/// <summary>
/// Every effect an orchestration has on hosts carries a fencing token from orchestration time, and the effects that
/// undo a canary carry a higher token than anything that put it there: a host that has been rolled back refuses a late
/// copy of the canary's deploy or traffic shift (the host side is tested in Integrations' HostFenceTests).
/// </summary>
public sealed class EffectFenceTests : IAsyncLifetime
{
    private PipelineHarness _h = null!;

    public async Task InitializeAsync() => _h = await PipelineHarness.StartWithStableProductionAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_rolled_back_canary_is_undone_under_tokens_higher_than_every_deploy_and_shift_that_made_it()
    {
        _h.Metrics.Canary = query => query == "error-rate" ? (_h.Router.CurrentPercent == 50 ? 9.0 : 0.5) : 0.2;

        var (_, outcome) = await _h.ApprovedReleaseAsync();

        Assert.Equal(ReleaseStatus.RolledBack, outcome.Status);
        var deploys = _h.Deploy.Deploys.Select(d => Token(d.Fence, "deploy")).ToList();
        var shifts = _h.Router.Shifts.Select(s => Token(s.Fence, "shift")).ToList();
        var undo = _h.Deploy.Rollbacks.Select(r => Token(r.Fence, "rollback")).Concat(_h.Router.Restores.Select(r => Token(r.Fence, "restore"))).ToList();
        Assert.Equal(2, deploys.Count);
        Assert.Equal(3, shifts.Count);
        Assert.NotEmpty(undo);

        // In the order they were made, tokens never go down, and the undoing ones are above everything before them.
        Assert.Equal(deploys.Order(), deploys);
        Assert.Equal(shifts.Order(), shifts);
        Assert.True(undo.Min() > Math.Max(deploys.Max(), shifts.Max()), $"undo {string.Join(", ", undo)} vs deploys {string.Join(", ", deploys)} and shifts {string.Join(", ", shifts)}");

        // Orchestration time: no token is from before the pipeline started or after the fake clock's now.
        Assert.All(deploys.Concat(shifts).Concat(undo), token => Assert.InRange(token, PipelineHarness.Start.UtcTicks, _h.Clock.GetUtcNow().UtcTicks));
    }

    private static long Token(EffectFence? fence, string effect) =>
        (fence ?? throw new Xunit.Sdk.XunitException($"a {effect} was made without a fencing token")).Value;
}
