using Soakline.Functions.Configuration;
using Soakline.Functions.Hosting;
using Soakline.Functions.Observability;

var builder = WebApplication.CreateBuilder(args);

// Under Azure Functions the host starts this executable with the port it will call; listen there, on loopback only.
if (builder.Configuration[SettingNames.CustomHandlerPort] is { Length: > 0 } port && int.TryParse(port, out var portNumber))
{
    builder.WebHost.UseUrls($"http://127.0.0.1:{portNumber}");
}

// One line per request from ASP.NET Core is noise in the host's log; its spans and metrics still go to telemetry.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.AddSimpleConsole(o => o.IncludeScopes = true);

builder.Services.AddSoakline(builder.Configuration);
builder.Services.AddSoaklineTelemetry(TelemetryFromConfiguration(builder.Configuration));

var app = builder.Build();
app.UseSoakline();
try
{
    // Start-up validates every setting first; the exception lists each bad setting by name, never a secret's value.
    await app.RunAsync();
}
catch (AppSettingsException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

return 0;

static TelemetrySettings TelemetryFromConfiguration(IConfiguration configuration)
{
    try
    {
        return AppSettingsReader.Read(configuration).Telemetry;
    }
    catch (AppSettingsException)
    {
        // Reported after Build; telemetry stays off until the settings are fixed.
        return new TelemetrySettings(null, null, false);
    }
}

/// <summary>The entry point; public for WebApplicationFactory in the tests.</summary>
public partial class Program;
