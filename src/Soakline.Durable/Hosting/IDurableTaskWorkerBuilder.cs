using Microsoft.Extensions.DependencyInjection;

namespace Soakline.Durable;

/// <summary>Configures a durable task worker: its tasks (<c>AddTasks</c>) and its backend (<c>UseInMemory</c>, <c>UseAzureStorage</c>).</summary>
public interface IDurableTaskWorkerBuilder
{
    string Name { get; }

    IServiceCollection Services { get; }
}
