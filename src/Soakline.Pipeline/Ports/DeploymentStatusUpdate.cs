using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

public sealed record DeploymentStatusUpdate(
    DeploymentRef Deployment,
    DeploymentState State,
    string? Description = null,
    Uri? EnvironmentUrl = null,
    Uri? LogUrl = null);
