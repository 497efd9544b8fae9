using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

public enum DeploymentState
{
    Queued,
    InProgress,
    Success,
    Failure,
    Inactive,
}
