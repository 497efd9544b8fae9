namespace Soakline.Durable.Testing.Runtime;

/// <summary>A locked activity request. <see cref="Lease"/> is the backend's own bookkeeping.</summary>
public sealed record ActivityWorkItem(ActivityRequest Request)
{
    public object? Lease { get; init; }
}
