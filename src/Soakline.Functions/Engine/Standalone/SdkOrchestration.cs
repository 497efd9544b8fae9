using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace Soakline.Functions.Engine.Standalone;

/// <summary>
/// One episode of an SDK orchestrator as a DTFx <see cref="TaskOrchestration"/>. The SDK shim is built on first use
/// rather than when DTFx asks for the object, because only then is <see cref="Parent"/> known: DTFx asks its object
/// manager by name alone, and <see cref="ParentInstanceMiddleware"/> fills in the parent from the runtime state just
/// before the episode runs. Without that, <c>context.Parent</c> would be null in every sub-orchestration.
/// </summary>
internal sealed class SdkOrchestration(TaskName name, ITaskOrchestrator orchestrator, DurableTaskShimFactory shims) : TaskOrchestration
{
    private TaskOrchestration? _shim;

    /// <summary>The orchestration that started this one as a sub-orchestration; set before the episode runs.</summary>
    public ParentOrchestrationInstance? Parent { get; set; }

    public override Task<string> Execute(OrchestrationContext context, string input) => Shim.Execute(context, input);

    public override void RaiseEvent(OrchestrationContext context, string name, string input) => Shim.RaiseEvent(context, name, input);

    /// <summary>The custom status; null until the orchestrator has run.</summary>
    public override string GetStatus() => _shim?.GetStatus()!;

    // Returned as is, not awaited here: the orchestrator's continuations must stay on DTFx's orchestration thread.
    private TaskOrchestration Shim => _shim ??= shims.CreateOrchestration(name, orchestrator, Parent);
}
