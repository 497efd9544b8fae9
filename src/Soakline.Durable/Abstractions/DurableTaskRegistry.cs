using Microsoft.Extensions.DependencyInjection;

namespace Soakline.Durable;

/// <summary>
/// The orchestrators and activities a worker can run, by name. Class registrations are created per execution
/// through dependency injection, so activities can take ports and clients in their constructors.
/// </summary>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<TaskName, Func<IServiceProvider, ITaskOrchestrator>> _orchestrators = [];
    private readonly Dictionary<TaskName, Func<IServiceProvider, ITaskActivity>> _activities = [];

    internal IReadOnlyDictionary<TaskName, Func<IServiceProvider, ITaskOrchestrator>> Orchestrators => _orchestrators;

    internal IReadOnlyDictionary<TaskName, Func<IServiceProvider, ITaskActivity>> Activities => _activities;

    public DurableTaskRegistry AddOrchestrator(TaskName name, Func<IServiceProvider, ITaskOrchestrator> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (!_orchestrators.TryAdd(name, factory))
        {
            throw new ArgumentException($"An orchestrator named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    public DurableTaskRegistry AddOrchestrator(TaskName name, Type type)
    {
        RequireImplementation<ITaskOrchestrator>(type);
        return AddOrchestrator(name, sp => (ITaskOrchestrator)ActivatorUtilities.CreateInstance(sp, type));
    }

    public DurableTaskRegistry AddOrchestrator(Type type) => AddOrchestrator(NameOf(type), type);

    public DurableTaskRegistry AddOrchestrator<TOrchestrator>()
        where TOrchestrator : class, ITaskOrchestrator => AddOrchestrator(typeof(TOrchestrator));

    public DurableTaskRegistry AddOrchestrator(TaskName name, ITaskOrchestrator orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        return AddOrchestrator(name, _ => orchestrator);
    }

    public DurableTaskRegistry AddOrchestrator(ITaskOrchestrator orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        return AddOrchestrator(NameOf(orchestrator.GetType()), orchestrator);
    }

    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(TaskName name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        return AddOrchestrator(name, new FuncOrchestrator<TInput, TOutput>(orchestrator));
    }

    public DurableTaskRegistry AddOrchestratorFunc<TInput>(TaskName name, Func<TaskOrchestrationContext, TInput, Task> orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        return AddOrchestratorFunc<TInput, object?>(name, async (context, input) =>
        {
            await orchestrator(context, input);
            return null;
        });
    }

    public DurableTaskRegistry AddOrchestratorFunc<TOutput>(TaskName name, Func<TaskOrchestrationContext, Task<TOutput>> orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        return AddOrchestratorFunc<object?, TOutput>(name, (context, _) => orchestrator(context));
    }

    public DurableTaskRegistry AddOrchestratorFunc(TaskName name, Func<TaskOrchestrationContext, Task> orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        return AddOrchestratorFunc<object?>(name, (context, _) => orchestrator(context));
    }

    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(TaskName name, Func<TaskOrchestrationContext, TInput, TOutput> orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        return AddOrchestratorFunc<TInput, TOutput>(name, (context, input) => Task.FromResult(orchestrator(context, input)));
    }

    public DurableTaskRegistry AddActivity(TaskName name, Func<IServiceProvider, ITaskActivity> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (!_activities.TryAdd(name, factory))
        {
            throw new ArgumentException($"An activity named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    public DurableTaskRegistry AddActivity(TaskName name, Type type)
    {
        RequireImplementation<ITaskActivity>(type);
        return AddActivity(name, sp => (ITaskActivity)ActivatorUtilities.CreateInstance(sp, type));
    }

    public DurableTaskRegistry AddActivity(Type type) => AddActivity(NameOf(type), type);

    public DurableTaskRegistry AddActivity<TActivity>()
        where TActivity : class, ITaskActivity => AddActivity(typeof(TActivity));

    public DurableTaskRegistry AddActivity(TaskName name, ITaskActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return AddActivity(name, _ => activity);
    }

    public DurableTaskRegistry AddActivity(ITaskActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return AddActivity(NameOf(activity.GetType()), activity);
    }

    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(TaskName name, Func<TaskActivityContext, TInput, Task<TOutput>> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return AddActivity(name, new FuncActivity<TInput, TOutput>(activity));
    }

    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(TaskName name, Func<TaskActivityContext, TInput, TOutput> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return AddActivityFunc<TInput, TOutput>(name, (context, input) => Task.FromResult(activity(context, input)));
    }

    public DurableTaskRegistry AddActivityFunc<TInput>(TaskName name, Func<TaskActivityContext, TInput, Task> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return AddActivityFunc<TInput, object?>(name, async (context, input) =>
        {
            await activity(context, input);
            return null;
        });
    }

    public DurableTaskRegistry AddActivityFunc<TInput>(TaskName name, Action<TaskActivityContext, TInput> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return AddActivityFunc<TInput, object?>(name, (context, input) =>
        {
            activity(context, input);
            return (object?)null;
        });
    }

    public DurableTaskRegistry AddActivityFunc<TOutput>(TaskName name, Func<TaskActivityContext, Task<TOutput>> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return AddActivityFunc<object?, TOutput>(name, (context, _) => activity(context));
    }

    public DurableTaskRegistry AddActivityFunc(TaskName name, Func<TaskActivityContext, Task> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return AddActivityFunc<object?>(name, (context, _) => activity(context));
    }

    private static TaskName NameOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new TaskName(type.Name);
    }

    private static void RequireImplementation<TInterface>(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!typeof(TInterface).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new ArgumentException($"Type '{type.FullName}' is not a concrete {typeof(TInterface).Name}.", nameof(type));
        }
    }

    private sealed class FuncOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> body)
        : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => body(context, input);
    }

    private sealed class FuncActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> body)
        : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => body(context, input);
    }
}
