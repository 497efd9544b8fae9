using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Soakline.Functions.Functions;

/// <summary>
/// The shared body of the thin orchestration and activity functions, so each [Function] stays one expression. Both run
/// the task through <see cref="ITaskOrchestrator"/>/<see cref="ITaskActivity"/>, as the SDK's hosts and the standalone
/// engine do, so input checks and null handling are the SDK's. Orchestrators: a new instance per execution (replay
/// recreates them; they hold no state); no ConfigureAwait(false), their continuations must stay on the orchestration's
/// context. Activities: resolved or built over the invocation's service scope, with extra constructor arguments for
/// values only a binding supplies (the durable client).
/// </summary>
internal static class FunctionTasks
{
    /// <summary>The trigger binding data key under which Durable Functions passes the orchestration instance id to activities.</summary>
    internal const string InstanceIdBindingData = "instanceId";

    public static async Task<TOutput> RunInFunctionAsync<TInput, TOutput>(this TaskOrchestrator<TInput, TOutput> orchestrator, TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        ArgumentNullException.ThrowIfNull(context);
        ITaskOrchestrator task = orchestrator;
        return (TOutput)(await task.RunAsync(context, context.GetInput<TInput>()))!;
    }

    public static async Task<TOutput> RunInFunctionAsync<TInput, TOutput>(this TaskActivity<TInput, TOutput> activity, FunctionContext context, TInput input)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(context);
        ITaskActivity task = activity;
        return (TOutput)(await task.RunAsync(context.ActivityContext(), input).ConfigureAwait(false))!;
    }

    public static TActivity Activity<TActivity>(this FunctionContext context, params object[] arguments)
        where TActivity : ITaskActivity
    {
        ArgumentNullException.ThrowIfNull(context);
        return arguments.Length == 0
            ? ActivatorUtilities.GetServiceOrCreateInstance<TActivity>(context.InstanceServices)
            : ActivatorUtilities.CreateInstance<TActivity>(context.InstanceServices, arguments);
    }

    public static TaskActivityContext ActivityContext(this FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var instanceId = context.BindingContext.BindingData.TryGetValue(InstanceIdBindingData, out var value) && value is string id
            ? id
            : throw new InvalidOperationException($"Function '{context.FunctionDefinition.Name}' has no '{InstanceIdBindingData}' in its binding data: is it an activity trigger?");
        return new FunctionActivityContext(context.FunctionDefinition.Name, instanceId);
    }

    private sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = name;

        public override string InstanceId { get; } = instanceId;
    }
}
