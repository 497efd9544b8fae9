using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Soakline.Functions.Observability;

/// <summary>
/// What the app logs unless its settings say otherwise: the frameworks' per-request and per-step chatter at Warning
/// (ASP.NET Core writes lines per request, the Durable Task SDK two per activity, health checks included, the engine
/// one per queue message), so the console shows the app's own lines: one per pipeline transition, deliveries,
/// decisions, deploys. A category named under <c>Logging:LogLevel</c> (<c>Logging__LogLevel__Microsoft.DurableTask</c>)
/// keeps the level given there: a default, never an override.
/// </summary>
internal static class LogDefaults
{
    /// <summary>The categories kept at Warning by default (each covers the categories under it).</summary>
    public static readonly IReadOnlyList<string> QuietCategories =
    [
        "Microsoft.AspNetCore",
        "System.Net.Http",
        "Microsoft.DurableTask",
        "DurableTask",
    ];

    /// <summary>The quiet defaults, for both hosting modes.</summary>
    public static ILoggingBuilder AddSoaklineLogDefaults(this ILoggingBuilder logging, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var category in QuietCategories.Where(c => configuration[$"Logging:LogLevel:{c}"] is null))
        {
            logging.AddFilter(category, LogLevel.Warning);
        }

        return logging;
    }

    /// <summary>
    /// Standalone: the quiet defaults and the console in <see cref="SoaklineConsoleFormatter"/>'s one-line key=value
    /// form, with scopes, unless <c>Logging:Console:FormatterName</c> picks another (<c>simple</c>, <c>json</c>).
    /// </summary>
    public static ILoggingBuilder AddSoaklineConsole(this ILoggingBuilder logging, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(configuration);
        logging.AddSoaklineLogDefaults(configuration);
        var chosen = configuration["Logging:Console:FormatterName"];
        logging.AddConsole(options => options.FormatterName = chosen ?? SoaklineConsoleFormatter.FormatterName);
        logging.AddConsoleFormatter<SoaklineConsoleFormatter, ConsoleFormatterOptions>(options => options.IncludeScopes = true);
        return logging;
    }
}
