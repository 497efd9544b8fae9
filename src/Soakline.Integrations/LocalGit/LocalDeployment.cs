namespace Soakline.Integrations.LocalGit;

/// <summary>A deployment record of a locally served repository, as kept in the clone's <c>soakline/deployments.json</c>.</summary>
internal sealed record LocalDeployment(long Id, string Sha, string Environment, string Description, DateTimeOffset CreatedAt, IReadOnlyList<LocalDeploymentStatus> Statuses);
