using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Soakline.Durable.Testing.History;

public sealed record ExecutionSuspended(string? Reason) : HistoryEvent;
