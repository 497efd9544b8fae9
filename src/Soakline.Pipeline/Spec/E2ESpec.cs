namespace Soakline.Pipeline.Spec;

/// <summary>The slow E2E tier: run against staging after a deploy, informational there, a production requirement.</summary>
/// <param name="Workflow">The workflow file dispatched after a staging deploy, e.g. <c>e2e-staging.yml</c>.</param>
/// <param name="RequiredForProduction">Whether production refuses a commit whose E2E run is not green.</param>
public sealed record E2ESpec(string Workflow, TimeSpan Timeout, TimeSpan PollInterval, bool RequiredForProduction);
