using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Ports;

/// <param name="Holder">Who holds the environment now (the asker when acquired).</param>
/// <param name="QueuePosition">1-based position in the queue when waiting; 0 otherwise.</param>
public sealed record EnvironmentLease(bool Acquired, string? Holder, int QueuePosition);
