using System.Globalization;

namespace Soakline.Functions.Dashboard;

/// <summary>How the dashboard writes a moment: UTC, to the second, the same on every page.</summary>
internal static class DisplayTime
{
    public static string Of(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
