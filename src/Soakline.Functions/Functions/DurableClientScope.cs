using Microsoft.DurableTask.Client;

namespace Soakline.Functions.Functions;

/// <summary>
/// Azure mode: the isolated worker has no <see cref="DurableTaskClient"/> in DI; the Durable extension hands one to each
/// invocation that declares a <c>[DurableClient]</c> binding. Functions put it here (scoped to the invocation) and DI
/// serves <see cref="DurableTaskClient"/> from it, so endpoint handlers and app services depend on the client exactly as
/// in standalone mode, where the engine registers a singleton one.
/// </summary>
internal sealed class DurableClientScope
{
    private DurableTaskClient? _client;

    public DurableTaskClient Client => _client ?? throw new InvalidOperationException(
        "No DurableTaskClient in this invocation: the function must declare a [DurableClient] DurableTaskClient parameter and pass it to DurableClientScope.Use.");

    public void Use(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }
}
