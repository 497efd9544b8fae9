namespace Soakline.Pipeline.Spec;

/// <summary>What must be true of a commit before anything is deployed.</summary>
/// <param name="RequiredChecks">Names of GitHub checks (the fast tier) that must be green on the commit.</param>
/// <param name="Timeout">How long to wait for pending checks before the gate counts as failed.</param>
public sealed record GateSpec(IReadOnlyList<string> RequiredChecks, TimeSpan Timeout, TimeSpan PollInterval, E2ESpec? E2E);

/// <summary>The slow E2E tier: run against staging after a deploy, informational there, a production requirement.</summary>
/// <param name="Workflow">The workflow file dispatched after a staging deploy, e.g. <c>e2e-staging.yml</c>.</param>
/// <param name="RequiredForProduction">Whether production refuses a commit whose E2E run is not green.</param>
public sealed record E2ESpec(string Workflow, TimeSpan Timeout, TimeSpan PollInterval, bool RequiredForProduction);
