namespace Soakline.Durable;

/// <summary>What an activity knows about its invocation.</summary>
public abstract class TaskActivityContext
{
    public abstract TaskName Name { get; }

    /// <summary>The orchestration instance that scheduled this activity.</summary>
    public abstract string InstanceId { get; }
}
