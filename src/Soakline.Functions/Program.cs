using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Soakline.Functions.Configuration;
using Soakline.Functions.Hosting;
using Soakline.Functions.Observability;

// One executable, two modes, chosen before any host exists: started by the Functions host (--functions-uri), it is the
// isolated worker; otherwise it serves on its own Kestrel with the in-process engine.
if (HostingModeDetector.Detect(args, Environment.GetEnvironmentVariable) == HostingMode.FunctionsWorker)
{
    return await FunctionsWorkerHost.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

// Framework chatter (a line per request, per activity, per queue message) at Warning unless the settings raise it;
// one line per entry with key=value scopes. Spans and metrics still go to telemetry.
builder.Logging.AddSoaklineConsole(builder.Configuration);
builder.Logging.AddSecretSafeLogging();

builder.Services.AddSoakline(builder.Configuration, HostingMode.Standalone);
builder.Services.AddSoaklineTelemetry(TelemetrySetup.FromConfiguration(builder.Configuration));

var app = builder.Build();
try
{
    // Every setting is validated before the host starts, so a configuration that cannot work prints only the list of
    // its problems (each bad setting by name, never a secret's value) and no "hosting failed to start" stack trace.
    app.Services.GetRequiredService<StartupSettingsCheck>().Run();
    app.UseSoakline();
    await app.RunAsync();
}
catch (AppSettingsException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

return 0;

/// <summary>The entry point; public for WebApplicationFactory in the tests.</summary>
public partial class Program;
