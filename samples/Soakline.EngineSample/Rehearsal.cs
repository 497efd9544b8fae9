using Microsoft.DurableTask;

namespace Soakline.EngineSample;

public sealed record RehearsalInput(string Repository, string Commit, TimeSpan Soak);

public sealed record RehearsalStatus(string Stage, string Detail);

public sealed record Approval(bool Approved, string By);

public sealed record RehearsalResult(string Release, string ApprovedBy, string Outcome);

/// <summary>Build, test, deploy, soak on a durable timer, then wait (at most 5 minutes) for an approval event.</summary>
public sealed class RehearsalOrchestrator : TaskOrchestrator<RehearsalInput, RehearsalResult>
{
    public override async Task<RehearsalResult> RunAsync(TaskOrchestrationContext context, RehearsalInput input)
    {
        context.SetCustomStatus(new RehearsalStatus("build", input.Commit[..7]));
        var artifact = await context.CallActivityAsync<string>(nameof(BuildActivity), input.Commit);

        context.SetCustomStatus(new RehearsalStatus("test", artifact));
        var testsPassed = await context.CallActivityAsync<int>(nameof(TestActivity), artifact);

        context.SetCustomStatus(new RehearsalStatus("deploy", $"{testsPassed} tests passed"));
        var release = await context.CallActivityAsync<string>(nameof(DeployActivity), artifact);

        var soakEnds = context.CurrentUtcDateTime + input.Soak;
        context.SetCustomStatus(new RehearsalStatus("soak", $"{release} soaking until {soakEnds:HH:mm:ss}"));
        await context.CreateTimer(soakEnds, CancellationToken.None);

        context.SetCustomStatus(new RehearsalStatus("awaiting approval", release));
        try
        {
            var approval = await context.WaitForExternalEvent<Approval>("Approval", TimeSpan.FromMinutes(5));
            var outcome = approval.Approved ? "promoted" : "rejected";
            context.SetCustomStatus(new RehearsalStatus(outcome, $"by {approval.By}"));
            return new RehearsalResult(release, approval.By, outcome);
        }
        catch (TaskCanceledException)
        {
            context.SetCustomStatus(new RehearsalStatus("expired", "no approval within 5 minutes"));
            return new RehearsalResult(release, "nobody", "expired");
        }
    }
}

// The activities pause briefly so the demo's progress is visible; real ones do I/O here.
public sealed class BuildActivity : TaskActivity<string, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        await Task.Delay(400);
        return $"app-{input[..7]}.tar.gz";
    }
}

public sealed class TestActivity : TaskActivity<string, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, string input)
    {
        await Task.Delay(400);
        return input.Length * 3;
    }
}

public sealed class DeployActivity : TaskActivity<string, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        await Task.Delay(400);
        return $"{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{input[4..11]}";
    }
}
