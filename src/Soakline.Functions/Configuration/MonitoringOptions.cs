namespace Soakline.Functions.Configuration;

/// <summary>
/// The scheduled monitoring sweep: <see cref="Schedule"/> is the flat <c>MonitorSchedule</c> (the timer function binds it
/// as <c>%MonitorSchedule%</c>), the rest is under <c>Soakline__Monitoring__</c>.
/// </summary>
internal sealed class MonitoringOptions
{
    /// <summary>The configuration section of <see cref="Repository"/> and <see cref="SpecPath"/>.</summary>
    public const string Section = "Soakline:Monitoring";

    public string? Schedule { get; set; }

    public string? Repository { get; set; }

    public string? SpecPath { get; set; }
}
