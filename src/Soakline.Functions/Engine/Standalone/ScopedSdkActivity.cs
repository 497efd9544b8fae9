using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace Soakline.Functions.Engine.Standalone;

/// <summary>
/// One execution of an SDK activity: a DI scope is opened, the activity is resolved in it, run through the SDK shim,
/// and the scope is disposed when it ends, so scoped services (HTTP clients, DB contexts) live exactly one execution.
/// </summary>
internal sealed class ScopedSdkActivity(
    TaskName name,
    IDurableTaskFactory factory,
    IServiceScopeFactory scopes,
    DurableTaskShimFactory shims,
    RegisteredTaskNames registered) : TaskActivity
{
    /// <summary>DTFx calls <see cref="RunAsync"/>; the synchronous form is never used.</summary>
    public override string Run(TaskContext context, string input) =>
        throw new NotSupportedException($"Activity '{name.Name}' runs asynchronously only.");

    public override async Task<string> RunAsync(TaskContext context, string input)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (!factory.TryCreateActivity(name, scope.ServiceProvider, out var activity))
        {
            // Fails this activity (the orchestrator sees a TaskFailedException naming it) rather than the process.
            throw new TaskNotRegisteredException(registered.UnknownActivityMessage(name));
        }

        return await shims.CreateActivity(name, activity).RunAsync(context, input);
    }
}
