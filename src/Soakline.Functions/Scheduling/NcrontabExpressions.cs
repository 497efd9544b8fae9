using NCrontab;

namespace Soakline.Functions.Scheduling;

/// <summary>
/// Parses NCRONTAB the way Azure Functions timer triggers write it: six fields, seconds first (five-field expressions
/// are accepted and run at second 0).
/// </summary>
public static class NcrontabExpressions
{
    public static bool TryParse(string? expression, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CrontabSchedule? schedule, out string? error)
    {
        schedule = null;
        var fields = expression?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length ?? 0;
        if (expression is null || fields is not (5 or 6))
        {
            error = $"'{expression}' is not an NCRONTAB expression: expected 6 fields (second minute hour day month weekday), found {fields}";
            return false;
        }

        schedule = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 });
        error = schedule is null ? $"'{expression}' is not a valid NCRONTAB expression" : null;
        return schedule is not null;
    }
}
