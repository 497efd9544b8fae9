using NCrontab;

namespace Soakline.Pipeline.Spec;

/// <summary>
/// When the monitor sweep runs: the union of the business-hours and off-hours NCRONTAB schedules. Expressions have
/// six fields (seconds first) as Azure Functions timers use them; five-field expressions run at second 0.
/// </summary>
public sealed class MonitoringSchedule
{
    private readonly IReadOnlyList<(CrontabSchedule Schedule, MonitoringWindow Window)> _schedules;

    private MonitoringSchedule(IReadOnlyList<(CrontabSchedule, MonitoringWindow)> schedules) => _schedules = schedules;

    public static MonitoringSchedule From(MonitoringSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var schedules = spec.BusinessHours.Select(e => (Parse(e), MonitoringWindow.BusinessHours))
            .Concat(spec.OffHours.Select(e => (Parse(e), MonitoringWindow.OffHours)))
            .ToList();
        return new MonitoringSchedule(schedules);
    }

    public static CrontabSchedule Parse(string expression) =>
        TryParse(expression, out var schedule, out var error) ? schedule : throw new FormatException(error);

    public static bool TryParse(string? expression, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CrontabSchedule? schedule, out string? error)
    {
        schedule = null;
        var fields = expression?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length ?? 0;
        if (expression is null || fields is not (5 or 6))
        {
            error = $"'{expression}' is not an NCRONTAB expression: expected 6 fields (second minute hour day month weekday), found {fields}";
            return false;
        }

        try
        {
            schedule = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 });
        }
        catch (OverflowException)
        {
            // NCrontab's TryParse throws instead of failing on a number beyond Int32 ("*/99999999999"; found by fuzzing).
            error = $"'{expression}' is not a valid NCRONTAB expression: a number in it is out of range";
            return false;
        }

        error = schedule is null ? $"'{expression}' is not a valid NCRONTAB expression" : null;
        return schedule is not null;
    }

    /// <summary>The next sweep strictly after <paramref name="afterUtc"/>, and which window it belongs to.</summary>
    public (DateTime AtUtc, MonitoringWindow Window) Next(DateTime afterUtc)
    {
        var best = (AtUtc: DateTime.MaxValue, Window: MonitoringWindow.OffHours);
        foreach (var (schedule, window) in _schedules)
        {
            var next = schedule.GetNextOccurrence(afterUtc);
            if (next < best.AtUtc)
            {
                best = (next, window);
            }
        }

        return best;
    }
}
