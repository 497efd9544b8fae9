using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Policy;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;
using Soakline.Pipeline.Tests.Orchestration.Fakes;
using static Soakline.Pipeline.Tests.Orchestration.PipelineHarness;

namespace Soakline.Pipeline.Tests.Orchestration;

/// <summary>The release orchestrator under the protection policy: what a pushed spec may not decide alone.</summary>
public sealed class PolicyEnforcementTests : IAsyncLifetime
{
    /// <summary>The default spec with one branch rule in front: <paramref name="pattern"/> deploys automatically to production.</summary>
    private static string AutomaticToProduction(string pattern) =>
        TestSpecs.Default.Replace("version: 1\n", $"version: 1\nbranches:\n  - pattern: {pattern}\n    mode: automatic\n    environment: production\n", StringComparison.Ordinal);

    private PipelineHarness _h = null!;

    public async Task InitializeAsync() => _h = await StartWithStableProductionAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_feature_branch_that_grants_itself_production_changes_nothing_and_says_why_everywhere()
    {
        var id = await _h.PushAsync("feature/x", NewSha, AutomaticToProduction("feature/*"));
        var outcome = await _h.RunAsync(id);

        Assert.Equal(ReleaseStatus.PolicyRefused, outcome.Status);
        Assert.Equal("production", outcome.Environment);
        Assert.Contains("line 3: branches[0].pattern: branch 'feature/x' may not deploy to production", outcome.Detail, StringComparison.Ordinal);
        Assert.Empty(_h.Deploy.Deploys);
        Assert.All(TestSpecs.ProductionHosts, host => Assert.Equal(Stable, _h.Deploy.CurrentOn("api", host)));
        Assert.Equal([TransitionKind.PolicyRefused], await _h.KindsAsync(id));
        var refused = Assert.Single(await _h.TransitionsAsync("production"), t => t.PipelineId == id);
        Assert.Equal(outcome.Detail, refused.Detail);
        var status = Assert.Single(_h.SourceControl.Statuses);
        Assert.Equal(("soakline", CommitStatusState.Failure), (status.Update.Context, status.Update.State));
        Assert.StartsWith("refused by the protection policy: line 3: branches[0].pattern", status.Update.Description, StringComparison.Ordinal);
        var notice = Assert.Single(_h.Notifier.Sent);
        Assert.Equal(Severity.Warning, notice.Severity);
        Assert.Contains("refused by the protection policy", notice.Title, StringComparison.Ordinal);
        var instance = await _h.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Contains("PolicyRefused: refused by the protection policy", instance!.ReadCustomStatusAs<PipelineStatus>()!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_push_from_a_repository_the_policy_does_not_serve_reads_nothing_and_writes_nothing_to_it()
    {
        var push = new PushEvent(new RepositoryRef("mallory", "shop"), "main", NewSha, Start, "mallory", "deploy me");
        var id = PipelineInstanceIds.ForPush(push.Commit);
        await _h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReleaseOrchestrator), push, new StartOrchestrationOptions(id));

        var outcome = await _h.RunAsync(id);

        Assert.Equal(ReleaseStatus.PolicyRefused, outcome.Status);
        Assert.Equal("mallory/shop is not a repository the protection policy serves", outcome.Detail);
        Assert.Equal([TransitionKind.PolicyRefused], await _h.KindsAsync(id));
        Assert.Empty(_h.SourceControl.Statuses);
        Assert.Equal(0, _h.SourceControl.CheckReads);
        Assert.Empty(_h.Deploy.Deploys);
    }

    [Fact]
    public async Task Automatic_to_production_still_waits_for_an_approver_from_the_policy()
    {
        var spec = AutomaticToProduction("main").Replace("approvers: [lead@example.com]", "approvers: [lead@example.com, intern@example.com]", StringComparison.Ordinal);

        var id = await _h.PushAsync("main", NewSha, spec);
        await _h.IdleAsync();

        var child = await _h.Client.GetInstanceAsync(PipelineInstanceIds.ForEnvironmentRun(id, "production"), getInputsAndOutputs: true);
        Assert.Equal("awaiting-approval", child!.ReadCustomStatusAs<PipelineStatus>()!.Stage);
        var run = child.ReadInputAs<PipelineRun>()!;
        Assert.Equal(BranchMode.Approval, run.Mode);
        Assert.Equal(["lead@example.com"], run.Approvers);
        Assert.Equal(["lead@example.com"], Assert.Single(_h.Approvals.Requests).Approvers);
        Assert.Empty(_h.Deploy.Deploys);
        var started = (await _h.TransitionsAsync("production")).Single(t => t.PipelineId == id && t.Kind == TransitionKind.PipelineStarted);
        Assert.Contains("the protection policy requires approval for production", started.Detail, StringComparison.Ordinal);

        // The spec's second approver is not one the policy lists: their word counts for nothing.
        await _h.DecideAsync(id, "production", approved: true, by: "intern@example.com");
        await _h.IdleAsync();
        Assert.Empty(_h.Deploy.Deploys);

        await _h.DecideAsync(id, "production", approved: true);
        var outcome = await _h.RunAsync(id);

        Assert.Equal(ReleaseStatus.Released, outcome.Status);
        var kinds = (await _h.KindsAsync(id)).ToList();
        Assert.True(kinds.IndexOf(TransitionKind.ApprovalIgnored) < kinds.IndexOf(TransitionKind.Approved));
    }

    [Fact]
    public async Task A_spec_without_approvers_is_approved_by_the_policys()
    {
        var id = await _h.PushAsync("main", NewSha, TestSpecs.Default.Replace("approval:\n  approvers: [lead@example.com]\n", string.Empty, StringComparison.Ordinal));
        await _h.IdleAsync();

        Assert.Equal(["lead@example.com"], Assert.Single(_h.Approvals.Requests).Approvers);
        await _h.DecideAsync(id, "production", approved: true);
        Assert.Equal(ReleaseStatus.Released, (await _h.RunAsync(id)).Status);
    }

    [Fact]
    public async Task Staging_waits_for_approval_when_its_policy_requires_it()
    {
        var policy = FakeProtectionPolicySource.Default;
        _h.Policy.Policy = policy with { Environments = [policy.Environments[0] with { RequireApproval = true }, policy.Environments[1]] };

        var id = await _h.PushAsync("develop", Sha(3), TestSpecs.Default);
        await _h.IdleAsync();

        Assert.Empty(_h.Deploy.Deploys);
        Assert.Equal("staging", Assert.Single(_h.Approvals.Requests).Summary.Environment);
        await _h.DecideAsync(id, "staging", approved: true);
        Assert.Equal(ReleaseStatus.Deployed, (await _h.RunAsync(id)).Status);
        Assert.Equal(["stg-1"], Assert.Single(_h.Deploy.Deploys).Hosts);
    }

    [Fact]
    public async Task A_loopback_health_url_for_production_is_refused_naming_the_field()
    {
        var spec = TestSpecs.Default.Replace("url: http://{host}/health", "url: http://127.0.0.1:8080/health", StringComparison.Ordinal);

        var outcome = await _h.RunAsync(await _h.PushAsync("main", NewSha, spec));

        Assert.Equal(ReleaseStatus.PolicyRefused, outcome.Status);
        Assert.Contains("components.api.health.url: '127.0.0.1' is a loopback address", outcome.Detail, StringComparison.Ordinal);
        Assert.Empty(_h.Approvals.Requests);
        Assert.Empty(_h.Health.Requests);
    }

    [Fact]
    public async Task The_policy_read_is_recorded_in_history_so_a_changed_setting_does_not_change_a_running_pipeline()
    {
        var id = await _h.PushAsync("main", NewSha, TestSpecs.Default);
        await _h.IdleAsync();
        _h.Policy.Policy = ProtectionPolicy.Empty;

        await _h.DecideAsync(id, "production", approved: true);

        Assert.Equal(ReleaseStatus.Released, (await _h.RunAsync(id)).Status);
        Assert.Equal(1, _h.Policy.Reads);
    }
}
