using NCrontab;
using Soakline.Pipeline.Spec;

namespace Soakline.Functions.Scheduling;

/// <summary>
/// The monitor's schedules (<see cref="MonitorTimers"/>) with <c>%setting%</c> references resolved the way the Functions
/// host resolves them, so standalone and Azure sweep at the same instants.
/// </summary>
internal sealed class MonitorSchedules
{
    private readonly IReadOnlyList<(string Function, string Expression, CrontabSchedule Schedule)> _schedules;

    public MonitorSchedules(IEnumerable<(string Function, string Schedule)> timers, Func<string, string?> resolveSetting)
    {
        ArgumentNullException.ThrowIfNull(timers);
        ArgumentNullException.ThrowIfNull(resolveSetting);
        var schedules = new List<(string, string, CrontabSchedule)>();
        foreach (var (function, declared) in timers.OrderBy(t => t.Function, StringComparer.Ordinal))
        {
            var expression = AppSettingReferences.Resolve(declared, resolveSetting, $"the schedule of the timer function {function}");
            if (!MonitoringSchedule.TryParse(expression, out var schedule, out var error))
            {
                throw new FormatException($"the schedule of the timer function {function}: {error}.");
            }

            schedules.Add((function, expression, schedule));
        }

        _schedules = schedules;
    }

    /// <summary>Function name and resolved NCRONTAB expression of each timer.</summary>
    public IEnumerable<(string Function, string Expression)> Expressions => _schedules.Select(s => (s.Function, s.Expression));

    /// <summary>The earliest occurrence of any schedule strictly after <paramref name="after"/>; null without timers.</summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        DateTime? best = null;
        foreach (var (_, _, schedule) in _schedules)
        {
            var next = schedule.GetNextOccurrence(after.UtcDateTime);
            if (best is null || next < best)
            {
                best = next;
            }
        }

        return best is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
    }

    /// <summary>The latest occurrence of one timer's schedule at or before <paramref name="now"/>, within the last hour.</summary>
    public DateTimeOffset? LatestOccurrence(string function, DateTimeOffset now)
    {
        var schedule = _schedules.FirstOrDefault(s => s.Function.Equals(function, StringComparison.OrdinalIgnoreCase)).Schedule;
        if (schedule is null)
        {
            return null;
        }

        var end = now.UtcDateTime.AddTicks(1);
        var occurrences = schedule.GetNextOccurrences(end.AddHours(-1), end).ToList();
        return occurrences.Count == 0 ? null : new DateTimeOffset(DateTime.SpecifyKind(occurrences[^1], DateTimeKind.Utc));
    }
}
