using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;

namespace Soakline.Functions.Engine.Standalone;

/// <summary>
/// Hands DTFx a new orchestration object per episode: the SDK orchestrator from the registry's factory, or, for a name
/// the factory does not know or an orchestrator that cannot be constructed, a <see cref="FailingOrchestration"/> that
/// fails the instance.
/// </summary>
internal sealed class SdkOrchestrationCreator : ObjectCreator<TaskOrchestration>
{
    private readonly TaskName _name;
    private readonly IDurableTaskFactory _factory;
    private readonly IServiceProvider _services;
    private readonly DurableTaskShimFactory _shims;
    private readonly RegisteredTaskNames _registered;

    public SdkOrchestrationCreator(TaskName name, IDurableTaskFactory factory, IServiceProvider services, DurableTaskShimFactory shims, RegisteredTaskNames registered)
    {
        _name = name;
        _factory = factory;
        _services = services;
        _shims = shims;
        _registered = registered;
        Name = name.Name;
        Version = string.Empty;
    }

    /// <summary>
    /// A new orchestrator per episode. The factory gets the root provider, not a scope: an episode has no natural end
    /// to dispose a scope at (DTFx drops the object while it still awaits). The SDK's registry builds orchestrator
    /// types with <c>Activator.CreateInstance</c> anyway (no constructor injection; orchestrators do no I/O), so only
    /// factory-based registrations see the provider.
    /// </summary>
    public override TaskOrchestration Create()
    {
        ITaskOrchestrator? orchestrator;
        try
        {
            if (!_factory.TryCreateOrchestrator(_name, _services, out orchestrator))
            {
                return new FailingOrchestration(new TaskNotRegisteredException(_registered.UnknownOrchestratorMessage(_name)));
            }
        }
        catch (Exception ex)
        {
            // A constructor or DI error would otherwise escape into DTFx's dispatcher, which retries the episode forever.
            return new FailingOrchestration(new InvalidOperationException($"Orchestrator '{_name.Name}' could not be created: {ex.Message}", ex));
        }

        return new SdkOrchestration(_name, orchestrator, _shims);
    }
}
