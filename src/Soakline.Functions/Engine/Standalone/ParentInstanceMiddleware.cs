using DurableTask.Core;
using DurableTask.Core.Middleware;
using Microsoft.DurableTask;

namespace Soakline.Functions.Engine.Standalone;

/// <summary>
/// Runs in DTFx's orchestration dispatch pipeline before each episode and tells the episode's
/// <see cref="SdkOrchestration"/> which orchestration started it, read from the runtime state's parent instance.
/// </summary>
internal static class ParentInstanceMiddleware
{
    public static Task InvokeAsync(DispatchMiddlewareContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetProperty<TaskOrchestration>() is SdkOrchestration orchestration
            && context.GetProperty<OrchestrationRuntimeState>()?.ParentInstance is { OrchestrationInstance: { } parent } parentInstance)
        {
            orchestration.Parent = new ParentOrchestrationInstance(new TaskName(parentInstance.Name), parent.InstanceId);
        }

        return next();
    }
}
