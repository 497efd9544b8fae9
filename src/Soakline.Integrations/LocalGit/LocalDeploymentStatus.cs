using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.LocalGit;

/// <summary>One status of a <see cref="LocalDeployment"/>, newest last.</summary>
internal sealed record LocalDeploymentStatus(DeploymentState State, string? Description, Uri? EnvironmentUrl, Uri? LogUrl, DateTimeOffset At);
