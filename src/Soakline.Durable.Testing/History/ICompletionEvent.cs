using System.Text.Json.Serialization;

namespace Soakline.Durable.Testing.History;

/// <summary>An event that completes a task the orchestrator is awaiting, identified by the scheduling task id.</summary>
public interface ICompletionEvent
{
    int TaskScheduledId { get; }
}
