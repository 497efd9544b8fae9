namespace Soakline.Functions.Configuration;

/// <summary>The telemetry destinations: a real Application Insights connection string, an http(s) OTLP endpoint.</summary>
internal sealed class TelemetryOptionsValidator : ProblemListValidator<TelemetryOptions>
{
    protected override void AddProblems(TelemetryOptions options, List<string> problems) => Read(options, problems);

    /// <summary>The telemetry settings, adding a problem (and leaving that destination off) for each bad value.</summary>
    public static TelemetrySettings Read(TelemetryOptions options, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
        var appInsights = SettingValue.Of(options.ApplicationInsightsConnectionString);
        if (appInsights is not null && !appInsights.Contains("InstrumentationKey=", StringComparison.OrdinalIgnoreCase))
        {
            // Secret: named, never echoed.
            problems.Add($"{SettingNames.ApplicationInsights} is not an Application Insights connection string (no InstrumentationKey=...).");
            appInsights = null;
        }

        Uri? otlp = null;
        var otlpValue = SettingValue.Of(options.OtlpEndpoint);
        if (otlpValue is not null && (!Uri.TryCreate(otlpValue, UriKind.Absolute, out otlp) || otlp.Scheme is not ("http" or "https")))
        {
            problems.Add($"{SettingNames.OtlpEndpoint} must be an absolute http(s) URL, was '{otlpValue}'.");
            otlp = null;
        }

        var consoleValue = SettingValue.Of(options.Console);
        var console = false;
        if (consoleValue is not null && !bool.TryParse(consoleValue, out console))
        {
            problems.Add($"{SettingNames.ConsoleTelemetry} must be true or false, was '{consoleValue}'.");
        }

        return new TelemetrySettings(appInsights, otlp, console);
    }
}
