using System.Text;

namespace Soakline.Pipeline.Domain;

/// <summary>
/// Durable instance ids derived from what identifies the work, so a redelivered webhook or a retried API call finds
/// the existing instance instead of starting a second pipeline.
/// </summary>
public static class PipelineInstanceIds
{
    /// <summary><c>release:owner:name:branch:sha</c>, with characters instance ids may not contain replaced.</summary>
    public static string ForPush(CommitRef commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentException.ThrowIfNullOrEmpty(commit.Branch, nameof(commit));
        return Join("release", commit.Repository.Owner, commit.Repository.Name, commit.Branch!, commit.Sha.ToLowerInvariant());
    }

    public static string ForRollback(RepositoryRef repository, string environment, Guid requestId) =>
        Join("rollback", repository.Owner, repository.Name, environment, requestId.ToString("N"));

    public static string ForMonitorSweep(RepositoryRef repository, DateTimeOffset scheduledAt) =>
        Join("monitor", repository.Owner, repository.Name, scheduledAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The instance id a parent gives its environment pipeline, so an emergency rollback can find it.</summary>
    public static string ForEnvironmentRun(string parentInstanceId, string environment) => $"{parentInstanceId}:{Safe(environment)}";

    /// <summary>
    /// The automatic rollback of one environment run: <c>rollback-of:{run}</c>. It starts with its own word, not the
    /// run's id, so listing a pipeline's environment runs by the prefix <c>{pipeline}:</c> does not find it.
    /// </summary>
    public static string ForAutomaticRollback(string environmentRunId) => $"rollback-of:{environmentRunId}";

    /// <summary>
    /// One analysis of a soak: <c>analysis:{run}:{stage}:{n}</c>, stage and n counted from 1. The count carries over
    /// continue-as-new (<see cref="Orchestration.SoakState.Analyses"/>), so every analysis of a run has its own id.
    /// </summary>
    public static string ForAnalysis(string environmentRunId, int stageIndex, int analysis) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"analysis:{environmentRunId}:{stageIndex + 1}:{analysis}");

    private static string Join(params string[] parts) => string.Join(':', parts.Select(Safe));

    // Branch names contain '/', which Azure Table keys (and so instance ids) forbid.
    private static string Safe(string part)
    {
        var builder = new StringBuilder(part.Length);
        foreach (var c in part)
        {
            builder.Append(c is '/' or '\\' or '#' or '?' or ':' || char.IsControl(c) ? '~' : c);
        }

        return builder.ToString();
    }
}
