namespace Soakline.Durable;

/// <summary>The lifecycle states of an orchestration instance (values match the Durable Task SDK).</summary>
public enum OrchestrationRuntimeStatus
{
    Running = 0,
    Completed = 1,
    ContinuedAsNew = 2,
    Failed = 3,
    Canceled = 4,
    Terminated = 5,
    Pending = 6,
    Suspended = 7,
}
