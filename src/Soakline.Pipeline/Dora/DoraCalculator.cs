using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Dora;

/// <summary>
/// Computes the DORA figures from recorded transitions:
/// deployment frequency (pipelines with <see cref="TransitionKind.Released"/> or <see cref="TransitionKind.ChangeFailed"/>),
/// lead time for changes (commit to <see cref="TransitionKind.Released"/>),
/// change failure rate (pipelines with <see cref="TransitionKind.ChangeFailed"/> over deployments) and
/// time to restore (<see cref="TransitionKind.ChangeFailed"/> to the next <see cref="TransitionKind.Restored"/> of the same pipeline).
/// </summary>
public static class DoraCalculator
{
    public static DoraFigures Compute(IEnumerable<ReleaseTransition> transitions, string environment, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        if (to <= from)
        {
            throw new ArgumentException($"The window end {to:O} is not after its start {from:O}.", nameof(to));
        }

        var all = transitions.Where(t => t.Environment == environment).OrderBy(t => t.At).ToList();
        var inWindow = all.Where(t => t.At >= from && t.At < to).ToList();

        var released = inWindow.Where(t => t.Kind == TransitionKind.Released).ToList();
        var failed = inWindow.Where(t => t.Kind == TransitionKind.ChangeFailed).ToList();
        var deployments = released.Select(t => t.PipelineId).Concat(failed.Select(t => t.PipelineId)).Distinct(StringComparer.Ordinal).Count();
        var failedChanges = failed.Select(t => t.PipelineId).Distinct(StringComparer.Ordinal).Count();

        var leadTimes = released.Where(t => t.CommittedAt is not null).Select(t => t.At - t.CommittedAt!.Value).ToList();
        var restoreTimes = failed
            .Select(f => all.FirstOrDefault(r => r.Kind == TransitionKind.Restored && r.PipelineId == f.PipelineId && r.At >= f.At) is { } r ? r.At - f.At : (TimeSpan?)null)
            .OfType<TimeSpan>()
            .ToList();

        return new DoraFigures(
            environment,
            from,
            to,
            deployments,
            deployments / (to - from).TotalDays,
            Median(leadTimes),
            failedChanges,
            deployments == 0 ? null : (double)failedChanges / deployments,
            Median(restoreTimes));
    }

    private static TimeSpan? Median(List<TimeSpan> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
