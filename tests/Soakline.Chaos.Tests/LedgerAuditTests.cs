namespace Soakline.Chaos.Tests;

public sealed class LedgerAuditTests : IDisposable
{
    private const string Baseline = "20261207T010000Z-aaaaaaa";
    private const string Canary = "20261207T010100Z-bbbbbbb";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("soakline-chaos-ledger-");

    public void Dispose() => _folder.Delete(recursive: true);

    private HostAudit Audit(params string[] lines)
    {
        var host = new ChaosHost("p01-a", "127.0.3.1", _folder.FullName);
        File.WriteAllLines(host.LedgerFile, lines);
        return LedgerAudit.Check(host);
    }

    private static string[] BaselineDeployed() =>
    [
        $"2026-12-07T01:00:01.000Z unpack release={Baseline}",
        $"2026-12-07T01:00:01.100Z deploy-hook release={Baseline} commit=aaaaaaa0",
        $"2026-12-07T01:00:01.200Z switch from=none to={Baseline}",
        $"2026-12-07T01:00:01.300Z restart release={Baseline}",
    ];

    [Fact]
    public void A_deploy_a_canary_and_its_rollback_keep_every_promise()
    {
        var audit = Audit([
            .. BaselineDeployed(),
            $"2026-12-07T01:01:01.000Z unpack release={Canary}",
            $"2026-12-07T01:01:01.100Z deploy-hook release={Canary} commit=bbbbbbb0",
            // A kill during the build: the next attempt starts the half-built release again (it was never active).
            $"2026-12-07T01:01:20.000Z unpack release={Canary}",
            $"2026-12-07T01:01:20.100Z deploy-hook release={Canary} commit=bbbbbbb0",
            $"2026-12-07T01:01:20.200Z switch from={Baseline} to={Canary}",
            $"2026-12-07T01:01:20.300Z restart release={Canary}",
            $"2026-12-07T01:01:30.000Z switch from={Canary} to={Baseline}",
            $"2026-12-07T01:01:30.100Z restart release={Baseline}",
        ]);

        Assert.Empty(audit.Violations);
        Assert.Empty(audit.RepeatedNoOps);
        Assert.Equal(12, audit.Effects);
        Assert.Equal(3, audit.EffectCounts["switch"]);
    }

    [Fact]
    public void Unpacking_the_active_release_again_is_a_violation()
    {
        var audit = Audit([.. BaselineDeployed(), $"2026-12-07T01:02:00.000Z unpack release={Baseline}"]);

        var violation = Assert.Single(audit.Violations);
        Assert.Contains($"unpack of {Baseline}, the active release, again", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_restart_of_the_same_release_is_a_violation_even_after_a_no_op_switch()
    {
        var audit = Audit([
            .. BaselineDeployed(),
            $"2026-12-07T01:02:00.000Z switch from={Baseline} to={Baseline}",
            $"2026-12-07T01:02:00.100Z restart release={Baseline}",
        ]);

        Assert.Contains($"switch to {Baseline}, already current", Assert.Single(audit.RepeatedNoOps), StringComparison.Ordinal);
        Assert.Contains("restarted twice without a switch in between", Assert.Single(audit.Violations), StringComparison.Ordinal);
    }

    [Fact]
    public void A_switch_never_followed_by_a_restart_is_a_violation()
    {
        var audit = Audit([
            .. BaselineDeployed(),
            $"2026-12-07T01:01:20.200Z switch from={Baseline} to={Canary}",
        ]);

        Assert.Contains($"switched to {Canary} but the service was never restarted", Assert.Single(audit.Violations), StringComparison.Ordinal);
    }

    [Fact]
    public void A_switch_from_somewhere_the_ledger_never_went_shows_a_missing_record()
    {
        var audit = Audit([
            .. BaselineDeployed(),
            $"2026-12-07T01:01:20.200Z switch from={Canary} to={Baseline}",
        ]);

        Assert.Contains(audit.Violations, v => v.Contains("a switch left no record", StringComparison.Ordinal));
    }

    [Fact]
    public void A_torn_line_is_reported_not_skipped()
    {
        var audit = Audit([.. BaselineDeployed(), "2026-12-07T01:02:00.000Z unpa"]);

        Assert.Contains("unreadable ledger line 5", Assert.Single(audit.Violations), StringComparison.Ordinal);
    }
}
