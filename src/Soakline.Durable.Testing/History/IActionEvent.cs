using System.Text.Json.Serialization;

namespace Soakline.Durable.Testing.History;

/// <summary>
/// An event that records an action the orchestrator took (schedule an activity, a timer, a sub-orchestration, send
/// an event). On replay each must match the action the code takes again with the same <see cref="TaskId"/>.
/// </summary>
public interface IActionEvent
{
    int TaskId { get; }

    string Describe();
}
