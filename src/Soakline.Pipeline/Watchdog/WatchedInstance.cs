using Soakline.Pipeline.Orchestration;

namespace Soakline.Pipeline.Watchdog;

/// <summary>The instance metadata the watchdog judges a pipeline (or one of its environment runs) by.</summary>
/// <param name="LastUpdatedAt">When the engine last wrote the instance's state: the end of its latest episode.</param>
/// <param name="Status">Its custom status; null when it has none yet or it could not be read.</param>
public sealed record WatchedInstance(string InstanceId, WatchedState State, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt, PipelineStatus? Status);
