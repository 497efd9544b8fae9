using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Soakline.Durable.Testing;
using Soakline.Durable.Testing.InMemory;
using Soakline.Functions.Webhooks;

namespace Soakline.Functions.Tests.Infrastructure;

/// <summary>
/// The real app in process (WebApplicationFactory over Program) with its engine swapped on the SDK's builders for the
/// fake-clock in-memory host (Soakline.Durable.Testing), a fake clock, captured logs, settings of the test's choosing,
/// and optional test orchestrators or service replacements.
/// </summary>
public sealed class SoaklineAppFactory : WebApplicationFactory<Program>
{
    /// <summary>Monday 23 November 2026, 07:50 UTC.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 7, 50, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string?> _settings = TestSettings.Defaults();
    private readonly List<Action<IServiceCollection>> _services = [];
    private bool _standaloneEngine;
    private bool _withoutSourceControl;

    public FakeTimeProvider Clock { get; } = new(Start);

    public LogCapture Logs { get; } = new();

    public DurableTaskClient Client => Services.GetRequiredService<DurableTaskClient>();

    /// <summary>
    /// Read the settings as the isolated worker does (the key the worker maps the host's <c>--functions-uri</c> to), on
    /// the standalone host: the Functions host cannot run here, and what differs in settings is all this changes.
    /// </summary>
    public SoaklineAppFactory AsFunctionsWorker() => With("Functions__Worker__HostEndpoint", "http://127.0.0.1:7071/");

    /// <summary>
    /// Keep the app's own engine (the Durable Task Framework on the storage the settings name) and the real clock: that
    /// engine's timers and the client's waits run on real time.
    /// </summary>
    public SoaklineAppFactory OnStandaloneEngine()
    {
        _standaloneEngine = true;
        return this;
    }

    /// <summary>
    /// Start as an operator would with no source control settings: the app refuses to start. Without this, a test app
    /// whose settings name no source control (GitHub token or App, or a local clone) gets <see cref="NoSourceControl"/>.
    /// </summary>
    public SoaklineAppFactory WithoutSourceControl()
    {
        _withoutSourceControl = true;
        return this;
    }

    /// <summary>
    /// Start a push's pipeline before answering it (202 "started" or 200 "exists"), as under Azure Functions: the app
    /// runs without its <see cref="ReleaseStartPump"/>.
    /// </summary>
    public SoaklineAppFactory StartingPushesBeforeAnswering() =>
        WithServices(s =>
        {
            foreach (var pump in s.Where(d => d.ServiceType == typeof(ReleaseStartPump) || d.ImplementationType == typeof(ReleaseStartPump)).ToList())
            {
                s.Remove(pump);
            }
        });

    public SoaklineAppFactory With(string key, string? value)
    {
        _settings[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        return this;
    }

    public SoaklineAppFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>
    /// Runs these stand-in orchestrators instead of the pipeline's: the SDK builds the worker's registry from every
    /// <c>AddTasks</c>, so the app's are dropped first.
    /// </summary>
    public SoaklineAppFactory WithOrchestrators(Action<DurableTaskRegistry> configure) =>
        WithServices(s =>
        {
            s.RemoveAll<IConfigureOptions<DurableTaskRegistry>>();
            s.Configure(Options.DefaultName, configure);
        });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        builder.ConfigureTestServices(services =>
        {
            if (!_standaloneEngine)
            {
                services.AddSingleton<TimeProvider>(Clock);

                // The last build target wins: the app's standalone engine is never built, so it needs no storage.
                services.AddDurableTaskWorker(worker => worker.UseInMemory());
                services.AddDurableTaskClient(client => client.UseInMemory());
            }
            if (!_withoutSourceControl && !SettingsNameSourceControl())
            {
                services.RemoveAll<Pipeline.Ports.ISourceControl>();
                services.AddSingleton<Pipeline.Ports.ISourceControl, NoSourceControl>();
            }

            foreach (var configure in _services)
            {
                configure(services);
            }
        });
    }

    private bool SettingsNameSourceControl() =>
        _settings.Any(s => s.Value is not null
            && (s.Key is "Soakline:GitHub:Token" or "Soakline:GitHub:AppId" || s.Key.StartsWith("Soakline:LocalGit:Repositories:", StringComparison.Ordinal)));

    /// <summary>Waits until every accepted push has its pipeline and then until the in-memory engine has nothing left to do.</summary>
    public async Task IdleAsync()
    {
        await PushesStartedAsync();
        await Services.GetRequiredService<InMemoryOrchestrationBackend>().WaitForIdleAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
    }

    /// <summary>
    /// Waits until every push the webhook accepted has its pipeline started (the delivery ledger holds no pending push).
    /// </summary>
    public async Task PushesStartedAsync()
    {
        var ledger = Services.GetRequiredService<IDeliveryLedger>();
        await Eventually.MatchAsync(
            () => ledger.PendingPushesAsync(CancellationToken.None),
            pending => pending.Count == 0,
            TimeSpan.FromSeconds(30),
            "every accepted push to have a started pipeline",
            recheckInterval: TimeSpan.FromMilliseconds(20),
            describe: pending => $"{pending.Count} pending: {string.Join(", ", pending.Select(p => p.Push.Sha))}");
    }

    /// <summary>The instances, once every accepted push has its pipeline (<see cref="PushesStartedAsync"/>).</summary>
    public async Task<List<OrchestrationMetadata>> InstancesAsync(string prefix = "")
    {
        await PushesStartedAsync();
        var list = new List<OrchestrationMetadata>();
        await foreach (var instance in Client.GetAllInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: prefix, FetchInputsAndOutputs: true)))
        {
            list.Add(instance);
        }

        return list;
    }
}
