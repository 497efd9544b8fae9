using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Soakline.Functions.Configuration;
using Soakline.Functions.Hosting;
using Soakline.Functions.Tests.Infrastructure;

namespace Soakline.Functions.Tests.Functions;

/// <summary>
/// The worker's container as Azure mode builds it (<see cref="SoaklineServices.AddSoakline"/> in FunctionsWorker mode),
/// minus the gRPC plumbing: what function classes resolve from. Scopes are validated, so a singleton that captured the
/// per-invocation client would fail here.
/// </summary>
internal static class WorkerServices
{
    public static ServiceProvider Build(FakeTimeProvider clock, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var values = TestSettings.Defaults();
        values["Functions:Worker:HostEndpoint"] = "http://127.0.0.1:7071/";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();

        // In the worker these come from ConfigureFunctionsWebApplication.
        services.AddRouting();
        services.AddSingleton(new DiagnosticListener("tests"));

        // A binding failure throws in tests instead of answering a bare 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddSoakline(configuration, HostingMode.FunctionsWorker);
        services.AddSingleton<TimeProvider>(clock);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}
