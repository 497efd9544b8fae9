namespace Soakline.Functions.Configuration;

/// <summary>The stuck-pipeline watchdog's settings as written (<c>Soakline__Watchdog__*</c>); unset ones take the defaults.</summary>
internal sealed class WatchdogOptions
{
    /// <summary>The configuration section these settings are bound from.</summary>
    public const string Section = "Soakline:Watchdog";

    public string? Schedule { get; set; }

    public string? Grace { get; set; }

    public string? StepLimit { get; set; }

    public string? PendingLimit { get; set; }
}
