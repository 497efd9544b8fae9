using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Notifications.Chat;

/// <summary>How each chat platform shows a severity: one place, so the three notifiers agree.</summary>
internal static class SeverityStyle
{
    public static string Label(Severity severity) => severity switch
    {
        Severity.Critical => "CRITICAL",
        Severity.Warning => "WARNING",
        _ => "INFO",
    };

    /// <summary>RGB as an integer (Discord embeds).</summary>
    public static int Rgb(Severity severity) => severity switch
    {
        Severity.Critical => 0xCF222E,
        Severity.Warning => 0xBF8700,
        _ => 0x0969DA,
    };

    /// <summary>Adaptive Card text colors (Teams).</summary>
    public static string AdaptiveColor(Severity severity) => severity switch
    {
        Severity.Critical => "Attention",
        Severity.Warning => "Warning",
        _ => "Accent",
    };

    public static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
