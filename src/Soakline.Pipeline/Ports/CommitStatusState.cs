using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

public enum CommitStatusState
{
    Pending,
    Success,
    Failure,
    Error,
}
