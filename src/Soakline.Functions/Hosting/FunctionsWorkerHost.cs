using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Soakline.Functions.Configuration;
using Soakline.Functions.Observability;

namespace Soakline.Functions.Hosting;

/// <summary>
/// Azure mode: the Functions host's isolated worker with ASP.NET Core integration. The host owns triggers, keys,
/// schedules and the Durable Task engine; the app brings its services (no engine, no scheduler of its own) and the
/// functions in Soakline.Functions.Functions. The Worker SDK's generated code (function metadata, the Durable
/// extension's start-up) is wired in by <see cref="FunctionsApplication.CreateBuilder(string[])"/>.
/// </summary>
internal static class FunctionsWorkerHost
{
    public static IHost Build(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.Logging.AddSoaklineLogDefaults(builder.Configuration);
        builder.Logging.AddSecretSafeLogging();
        builder.Services.AddSoakline(builder.Configuration, HostingMode.FunctionsWorker);
        builder.Services.AddSoaklineTelemetry(TelemetrySetup.FromConfiguration(builder.Configuration));
        return builder.Build();
    }

    public static async Task<int> RunAsync(string[] args)
    {
        using var host = Build(args);
        try
        {
            // Validated before the host starts: only the list of problems is printed, not the host's stack trace.
            host.Services.GetRequiredService<StartupSettingsCheck>().Run();
            await host.RunAsync().ConfigureAwait(false);
        }
        catch (AppSettingsException ex)
        {
            // The host logs the worker's stderr; the message names each bad setting, never a secret's value.
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }

        return 0;
    }
}
