using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Tests.Orchestration;

/// <summary>
/// The approval gate's record in the production run's custom status, which the decision endpoints answer from: who
/// may decide (the run's approvers), a receipt per decision id, and the outcome with who decided and when.
/// </summary>
public sealed class ApprovalRecordTests : IAsyncLifetime
{
    private PipelineHarness _h = null!;

    public async Task InitializeAsync() => _h = await PipelineHarness.StartWithStableProductionAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<string> WaitingReleaseAsync()
    {
        var id = await _h.PushAsync("main", PipelineHarness.NewSha, TestSpecs.Default);
        await _h.IdleAsync();
        return id;
    }

    private async Task<(OrchestrationMetadata Run, ApprovalState State)> GateAsync(string pipelineId)
    {
        var run = (await _h.Client.GetInstanceAsync(PipelineInstanceIds.ForEnvironmentRun(pipelineId, "production"), getInputsAndOutputs: true))!;
        return (run, run.ReadCustomStatusAs<PipelineStatus>()!.Approval!);
    }

    private Task RaiseAsync(string pipelineId, bool approved, string by, string decisionId) =>
        _h.Client.RaiseEventAsync(
            PipelineInstanceIds.ForEnvironmentRun(pipelineId, "production"),
            PipelineEvents.Approval,
            new ApprovalDecision(approved, by, _h.Clock.GetUtcNow(), DecisionId: decisionId));

    [Fact]
    public async Task A_waiting_gate_records_its_approvers_and_expiry()
    {
        var id = await WaitingReleaseAsync();

        var (run, state) = await GateAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Running, run.RuntimeStatus);
        Assert.Equal("awaiting-approval", run.ReadCustomStatusAs<PipelineStatus>()!.Stage);
        Assert.Equal((ApprovalOutcome.Waiting, PipelineHarness.Start.AddHours(24)), (state.Outcome, state.ExpiresAt));
        Assert.Equal(["lead@example.com"], state.Approvers);
        Assert.Null(state.DecidedBy);
    }

    [Fact]
    public async Task A_non_approver_gets_a_receipt_saying_so_and_the_gate_still_waits_even_when_raised_twice()
    {
        var id = await WaitingReleaseAsync();

        await RaiseAsync(id, approved: true, "mallory@example.com", "d-mallory");
        await RaiseAsync(id, approved: true, "mallory@example.com", "d-mallory");
        await _h.IdleAsync();

        var (run, state) = await GateAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Running, run.RuntimeStatus);
        Assert.Equal(ApprovalOutcome.Waiting, state.Outcome);
        var receipt = Assert.Single(state.Receipts!);
        Assert.Equal(("d-mallory", "mallory@example.com", DecisionResult.NotAnApprover), (receipt.DecisionId, receipt.By, receipt.Result));
        Assert.Single(await _h.KindsAsync(id), TransitionKind.ApprovalIgnored);
        Assert.Empty(_h.Deploy.Deploys);
    }

    [Fact]
    public async Task An_approval_is_recorded_with_who_and_when_and_the_record_stays_while_the_rollout_runs()
    {
        var id = await WaitingReleaseAsync();
        var decidedAt = _h.Clock.GetUtcNow();

        await RaiseAsync(id, approved: true, "LEAD@example.com", "d-lead");
        await _h.IdleAsync();

        var (run, state) = await GateAsync(id);
        Assert.Equal((ApprovalOutcome.Approved, "LEAD@example.com", decidedAt), (state.Outcome, state.DecidedBy, state.DecidedAt));
        Assert.Equal(DecisionResult.Approved, state.ReceiptFor("d-lead")!.Result);
        Assert.NotEqual("awaiting-approval", run.ReadCustomStatusAs<PipelineStatus>()!.Stage);
        Assert.NotEmpty(_h.Deploy.Deploys);
    }

    [Fact]
    public async Task A_decision_after_the_approval_is_not_taken_the_record_keeps_the_first()
    {
        var id = await WaitingReleaseAsync();
        await RaiseAsync(id, approved: true, "lead@example.com", "d-approve");
        await _h.IdleAsync();

        await RaiseAsync(id, approved: false, "lead@example.com", "d-reject");
        var outcome = await _h.RunAsync(id);

        Assert.Equal(ReleaseStatus.Released, outcome.Status);
        var (_, state) = await GateAsync(id);
        Assert.Equal(ApprovalOutcome.Approved, state.Outcome);
        Assert.Null(state.ReceiptFor("d-reject"));
        Assert.DoesNotContain(TransitionKind.Rejected, await _h.KindsAsync(id));
    }

    [Fact]
    public async Task An_expired_request_is_recorded_as_expired()
    {
        var id = await WaitingReleaseAsync();

        await _h.RunAsync(id);

        var (_, state) = await GateAsync(id);
        Assert.Equal((ApprovalOutcome.Expired, PipelineHarness.Start.AddHours(24)), (state.Outcome, state.DecidedAt));
    }

    [Fact]
    public async Task The_runs_approvers_decide_and_the_specs_others_do_not()
    {
        // The protection policy narrows who may decide (PipelineRun.Approvers); the spec's list no longer counts.
        const string Spec = """
            version: 1
            approval:
              approvers: [lead@example.com, dev@example.com]
            components:
              api:
                paths: ["api/**"]
                hosts:
                  production: [prod-1, prod-2, prod-3, prod-4]
                releaseRoot: /srv/api
            """;
        var commit = new CommitRef(PipelineHarness.Repository, PipelineHarness.NewSha, "main");
        const string RunId = "release:acme:shop:main:narrowed:production";
        var run = new PipelineRun(
            "release:acme:shop:main:narrowed", commit, Spec, "production", BranchMode.Approval, ReleaseId.Create(PipelineHarness.Start, commit.Sha),
            PipelineHarness.Start, "dev@example.com", "change", OverrideE2E: false, Approvers: ["lead@example.com"]);
        await _h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ProductionOrchestrator), run, new StartOrchestrationOptions(RunId));
        await _h.IdleAsync();

        Assert.Equal(["lead@example.com"], Assert.Single(_h.Approvals.Requests).Approvers);
        await _h.Client.RaiseEventAsync(RunId, PipelineEvents.Approval, new ApprovalDecision(true, "dev@example.com", _h.Clock.GetUtcNow(), DecisionId: "d-dev"));
        await _h.IdleAsync();

        var state = (await _h.Client.GetInstanceAsync(RunId, getInputsAndOutputs: true))!.ReadCustomStatusAs<PipelineStatus>()!.Approval!;
        Assert.Equal((ApprovalOutcome.Waiting, DecisionResult.NotAnApprover), (state.Outcome, state.ReceiptFor("d-dev")!.Result));
        Assert.Empty(_h.Deploy.Deploys);
    }
}
