using DurableTask.Core;

namespace Soakline.Functions.Engine.Standalone;

/// <summary>
/// Stands in for an orchestration this process cannot create: a name nothing registered (a
/// <see cref="TaskNotRegisteredException"/>) or an orchestrator whose construction threw. DTFx's own answer to both is
/// to abandon the work item and retry it forever, leaving the instance Pending or Running with nothing but log lines;
/// this one fails the instance at its first episode with <paramref name="failure"/> in its failure details.
/// </summary>
internal sealed class FailingOrchestration(Exception failure) : TaskOrchestration
{
    public override Task<string> Execute(OrchestrationContext context, string input) => Task.FromException<string>(failure);

    public override void RaiseEvent(OrchestrationContext context, string name, string input)
    {
        // Nothing runs, so nothing waits for events.
    }

    public override string GetStatus() => null!;
}
