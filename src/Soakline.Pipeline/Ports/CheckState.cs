using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

public enum CheckState
{
    Pending,
    Success,
    Failure,
    Missing,
}
