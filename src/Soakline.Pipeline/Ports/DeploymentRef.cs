using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

public sealed record DeploymentRef(RepositoryRef Repository, long DeploymentId, string Environment);
