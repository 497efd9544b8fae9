using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Soakline.Functions.Configuration;
using Soakline.Functions.Hosting;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Orchestration;

namespace Soakline.Functions.Tests.Functions;

/// <summary>
/// The worker's real options pipeline (ConfigureFunctionsWorkerDefaults and the Durable extension's start-up, which the
/// generated code runs in the real worker) with the app's services: the SDK worker and client converters must write
/// exactly what the standalone converter writes, so history reads the same in both modes.
/// </summary>
public sealed class PayloadJsonTests
{
    private static readonly MonitorSweepRequest Payload = new(new RepositoryRef("acme", "shop"), "monitoring: {}");

    [Fact]
    public void Worker_and_client_converters_follow_the_app_serializer_and_match_standalone()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Infrastructure.TestSettings.Defaults()).Build();
        using var host = new HostBuilder()
            .ConfigureFunctionsWorkerDefaults(worker => worker.ConfigureDurableExtension())
            .ConfigureServices(services => services.AddSoakline(configuration, HostingMode.FunctionsWorker))
            .Build();

        var worker = host.Services.GetRequiredService<IOptions<DurableTaskWorkerOptions>>().Value.DataConverter;
        var client = host.Services.GetRequiredService<IOptions<DurableTaskClientOptions>>().Value.DataConverter;

        var expected = PayloadJson.DataConverter.Serialize(Payload);
        Assert.StartsWith("""{"repository":{"owner":"acme","name":"shop",""", expected, StringComparison.Ordinal);
        Assert.Equal(expected, worker.Serialize(Payload));
        Assert.Equal(expected, client.Serialize(Payload));
        Assert.Equal(Payload, worker.Deserialize<MonitorSweepRequest>("""{"Repository":{"Owner":"acme","Name":"shop"},"SpecYaml":"monitoring: {}"}"""));
    }

    [Fact]
    public void Standalone_registers_the_same_converter_for_its_engine()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Infrastructure.TestSettings.Defaults()).Build();
        services.AddSingleton<IConfiguration>(configuration);

        services.AddLogging();
        services.AddSoakline(configuration, HostingMode.Standalone);
        using var provider = services.BuildServiceProvider();

        Assert.Same(PayloadJson.DataConverter, provider.GetRequiredService<IOptionsMonitor<DurableTaskWorkerOptions>>().Get(Options.DefaultName).DataConverter);
        Assert.Same(PayloadJson.DataConverter, provider.GetRequiredService<IOptionsMonitor<DurableTaskClientOptions>>().Get(Options.DefaultName).DataConverter);
    }

    [Fact]
    public void Without_the_app_serializer_the_worker_would_write_pascal_case()
    {
        using var host = new HostBuilder()
            .ConfigureFunctionsWorkerDefaults(worker => worker.ConfigureDurableExtension())
            .ConfigureServices(services => services.Configure<DurableTaskWorkerOptions>(o => o.DataConverter = PayloadJson.DataConverter))
            .Build();

        var worker = host.Services.GetRequiredService<IOptions<DurableTaskWorkerOptions>>().Value.DataConverter;

        // A DataConverter set directly is overwritten by the extension: WorkerOptions.Serializer is the one place.
        Assert.NotSame(PayloadJson.DataConverter, worker);
        Assert.StartsWith("""{"Repository":""", worker.Serialize(Payload), StringComparison.Ordinal);
    }
}
