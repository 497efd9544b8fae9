using System.Globalization;
using Soakline.Functions.Adapters;
using Soakline.Functions.Configuration;

namespace Soakline.Functions.Engine;

/// <summary>
/// <c>Soakline__Storage__WorkItemVisibilityTimeout</c>: how long an activity taken by a process that then dies stays
/// hidden before another process (or the same one, restarted) runs it. A running activity's is renewed before it lapses, so it
/// bounds only the wait after a crash; shorter means faster recovery and more renewals.
/// </summary>
internal static class WorkItemVisibility
{
    /// <summary>The engine checks every 5 s whether a running activity's visibility needs renewing; shorter could lapse.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan Maximum = TimeSpan.FromHours(1);

    /// <returns>The setting, or null when it is not set (the backend's default) or not valid (a problem is added).</returns>
    public static TimeSpan? Read(string? value, AdapterProblems problems)
    {
        if (value is null)
        {
            return null;
        }

        if (!TimeSpan.TryParseExact(value, "c", CultureInfo.InvariantCulture, out var timeout) || timeout < Minimum || timeout > Maximum)
        {
            problems.Add($"{SettingNames.StorageWorkItemVisibilityTimeout} must be a duration hh:mm:ss from {Minimum:c} to {Maximum:c}, was '{value}'.");
            return null;
        }

        return timeout;
    }
}
