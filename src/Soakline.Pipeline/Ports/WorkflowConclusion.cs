using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

public enum WorkflowConclusion
{
    Success,
    Failure,
    Cancelled,
    TimedOut,
    Skipped,
    Neutral,
    ActionRequired,
}
