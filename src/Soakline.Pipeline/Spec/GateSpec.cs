namespace Soakline.Pipeline.Spec;

/// <summary>What must be true of a commit before anything is deployed.</summary>
/// <param name="RequiredChecks">Names of GitHub checks (the fast tier) that must be green on the commit.</param>
/// <param name="Timeout">How long to wait for pending checks before the gate counts as failed.</param>
public sealed record GateSpec(IReadOnlyList<string> RequiredChecks, TimeSpan Timeout, TimeSpan PollInterval, E2ESpec? E2E);
