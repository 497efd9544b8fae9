using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Soakline.Durable.Testing;

/// <summary>Options for <see cref="DurableTaskTestHost"/>.</summary>
public sealed class DurableTaskTestHostOptions
{
    /// <summary>The clock for durable timers; give a <c>FakeTimeProvider</c> to control time from the test.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Extra services for activities (ports, fakes) and for replacing engine parts.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>The SDK's worker options: concurrency, or another data converter.</summary>
    public Action<DurableTaskWorkerOptions>? ConfigureWorker { get; set; }
}
