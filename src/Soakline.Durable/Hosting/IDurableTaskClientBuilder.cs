using Microsoft.Extensions.DependencyInjection;

namespace Soakline.Durable;

/// <summary>Configures a durable task client: its backend (<c>UseInMemory</c>, <c>UseAzureStorage</c>).</summary>
public interface IDurableTaskClientBuilder
{
    string Name { get; }

    IServiceCollection Services { get; }
}
