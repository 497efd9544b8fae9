using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace Soakline.Functions.Engine.Standalone;

/// <summary>Hands DTFx a new <see cref="ScopedSdkActivity"/> per activity execution.</summary>
internal sealed class SdkActivityCreator : ObjectCreator<TaskActivity>
{
    private readonly TaskName _name;
    private readonly IDurableTaskFactory _factory;
    private readonly IServiceScopeFactory _scopes;
    private readonly DurableTaskShimFactory _shims;
    private readonly RegisteredTaskNames _registered;

    public SdkActivityCreator(TaskName name, IDurableTaskFactory factory, IServiceScopeFactory scopes, DurableTaskShimFactory shims, RegisteredTaskNames registered)
    {
        _name = name;
        _factory = factory;
        _scopes = scopes;
        _shims = shims;
        _registered = registered;
        Name = name.Name;
        Version = string.Empty;
    }

    public override TaskActivity Create() => new ScopedSdkActivity(_name, _factory, _scopes, _shims, _registered);
}
