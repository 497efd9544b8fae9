namespace Soakline.Durable.Testing.Runtime;

/// <summary>
/// A locked batch of messages for one instance, with the instance's stored state. While a worker holds it, no other
/// worker processes that instance. <see cref="Lease"/> is the backend's own bookkeeping (ETag, queue receipts).
/// </summary>
public sealed record OrchestrationWorkItem(string InstanceId, OrchestrationInstanceState? State, IReadOnlyList<OrchestrationMessage> Messages)
{
    public object? Lease { get; init; }
}
