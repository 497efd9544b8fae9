using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Spec;

namespace Soakline.Functions.Configuration;

/// <summary>The monitoring sweep's schedule, repository and spec file, each bad one named.</summary>
internal sealed class MonitoringOptionsValidator : ProblemListValidator<MonitoringOptions>
{
    protected override void AddProblems(MonitoringOptions options, List<string> problems)
    {
        if (!MonitoringSchedule.TryParse(Schedule(options), out _, out var scheduleError))
        {
            problems.Add($"{SettingNames.MonitorSchedule}: {scheduleError}.");
        }

        Repository(options, problems);
        if (SettingValue.Of(options.SpecPath) is { } specPath && !File.Exists(specPath))
        {
            problems.Add($"{SettingNames.MonitorSpecPath}: the file '{specPath}' does not exist.");
        }
    }

    /// <summary>The sweep's NCRONTAB schedule, business hours when unset.</summary>
    public static string Schedule(MonitoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return SettingValue.Of(options.Schedule) ?? AppSettings.DefaultMonitorSchedule;
    }

    /// <summary>The repository whose spec the sweep runs, or none (no sweeps, or a problem added).</summary>
    public static RepositoryRef? Repository(MonitoringOptions options, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
        if (SettingValue.Of(options.Repository) is not { } value)
        {
            return null;
        }

        try
        {
            return RepositoryRef.Parse(value);
        }
        catch (FormatException ex)
        {
            problems.Add($"{SettingNames.MonitorRepository}: {ex.Message}");
            return null;
        }
    }
}
