using Soakline.Durable.Runtime;

namespace Soakline.Durable.Testing;

/// <summary>Options for <see cref="DurableTaskTestHost"/>.</summary>
public sealed class DurableTaskTestHostOptions
{
    /// <summary>The clock for durable timers; give a <c>FakeTimeProvider</c> to control time from the test.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Extra services for activities (ports, fakes) and for replacing engine parts.</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Worker concurrency.</summary>
    public DurableTaskWorkerOptions WorkerOptions { get; set; } = new();
}
