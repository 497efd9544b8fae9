namespace Soakline.Pipeline.Spec;

/// <param name="Kind">Which orchestrator deploys here: staging (deploy, health, informational E2E) or production (approval and strategy).</param>
/// <param name="Concurrency">What a second pipeline for this environment does while one is running.</param>
/// <param name="Url">The public address, shown in notifications and deployment records.</param>
public sealed record EnvironmentSpec(string Name, EnvironmentKind Kind, ConcurrencyMode Concurrency, Uri? Url = null);
