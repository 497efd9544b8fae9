using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Soakline.Durable.Testing.History;

public sealed record ExecutionResumed(string? Reason) : HistoryEvent;
