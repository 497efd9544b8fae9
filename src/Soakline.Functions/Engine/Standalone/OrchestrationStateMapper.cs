using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Soakline.Functions.Engine.Standalone;

/// <summary>Translates DTFx's instance state and statuses into the SDK's client types and back.</summary>
internal static class OrchestrationStateMapper
{
    /// <summary>
    /// Statuses in which an instance may still change. ContinuedAsNew is the moment between two executions of one
    /// instance, so it counts as running, as DTFx's own wait does.
    /// </summary>
    public static IReadOnlyList<OrchestrationStatus> NonTerminal { get; } =
        [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.Suspended, OrchestrationStatus.ContinuedAsNew];

    public static bool IsTerminal(OrchestrationStatus status) => !NonTerminal.Contains(status);

    /// <summary>
    /// The SDK's status for a DTFx status. ContinuedAsNew, which the SDK has made obsolete, reads as Running: the
    /// instance goes on under the same id.
    /// </summary>
#pragma warning disable CS0618 // Canceled is obsolete in the SDK but still a DTFx status; the mapping stays total.
    public static OrchestrationRuntimeStatus ToSdk(OrchestrationStatus status) => status switch
    {
        OrchestrationStatus.Running => OrchestrationRuntimeStatus.Running,
        OrchestrationStatus.Completed => OrchestrationRuntimeStatus.Completed,
        OrchestrationStatus.ContinuedAsNew => OrchestrationRuntimeStatus.Running,
        OrchestrationStatus.Failed => OrchestrationRuntimeStatus.Failed,
        OrchestrationStatus.Canceled => OrchestrationRuntimeStatus.Canceled,
        OrchestrationStatus.Terminated => OrchestrationRuntimeStatus.Terminated,
        OrchestrationStatus.Pending => OrchestrationRuntimeStatus.Pending,
        OrchestrationStatus.Suspended => OrchestrationRuntimeStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown DTFx orchestration status."),
    };

    /// <summary>The DTFx status for an SDK status (queries may still name the SDK's obsolete ones).</summary>
    public static OrchestrationStatus ToCore(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Running => OrchestrationStatus.Running,
        OrchestrationRuntimeStatus.Completed => OrchestrationStatus.Completed,
        OrchestrationRuntimeStatus.ContinuedAsNew => OrchestrationStatus.ContinuedAsNew,
        OrchestrationRuntimeStatus.Failed => OrchestrationStatus.Failed,
        OrchestrationRuntimeStatus.Canceled => OrchestrationStatus.Canceled,
        OrchestrationRuntimeStatus.Terminated => OrchestrationStatus.Terminated,
        OrchestrationRuntimeStatus.Pending => OrchestrationStatus.Pending,
        OrchestrationRuntimeStatus.Suspended => OrchestrationStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown orchestration runtime status."),
    };
#pragma warning restore CS0618

    public static TaskFailureDetails? ToSdk(FailureDetails? details) =>
        details is null
            ? null
            : new TaskFailureDetails(
                details.ErrorType,
                details.ErrorMessage,
                details.StackTrace,
                ToSdk(details.InnerFailure),
                details.Properties is { } properties ? new Dictionary<string, object?>(properties!) : null);

    /// <summary>
    /// The SDK's view of one instance. <paramref name="converter"/> is set on every result so that
    /// <c>ReadCustomStatusAs</c> always works; inputs and outputs are only filled when <paramref name="includePayloads"/>.
    /// A failed instance has no output: DTFx stores "ErrorType: ErrorMessage" there, which is not JSON, and the SDK
    /// carries the failure in <see cref="OrchestrationMetadata.FailureDetails"/>: <paramref name="failure"/> when the
    /// caller read it from history, else the state's own details, else the type and message from that output.
    /// </summary>
    public static OrchestrationMetadata ToMetadata(OrchestrationState state, bool includePayloads, DataConverter converter, TaskFailureDetails? failure = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new OrchestrationMetadata(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = converter,
            RuntimeStatus = ToSdk(state.OrchestrationStatus),
            CreatedAt = AsUtc(state.CreatedTime),
            LastUpdatedAt = AsUtc(state.LastUpdatedTime),
            SerializedInput = includePayloads ? state.Input : null,
            SerializedOutput = includePayloads && state.OrchestrationStatus != OrchestrationStatus.Failed ? state.Output : null,
            SerializedCustomStatus = includePayloads ? state.Status : null,
            Tags = state.Tags is { } tags ? new Dictionary<string, string>(tags) : new Dictionary<string, string>(),
            FailureDetails = failure
                ?? ToSdk(state.FailureDetails)
                ?? (state.OrchestrationStatus == OrchestrationStatus.Failed ? FailureDetailsReader.FromFailedOutput(state.Output) : null),
        };
    }

    /// <summary>Table timestamps come back as UTC but not always marked so; an unmarked one must not be read as local.</summary>
    private static DateTimeOffset AsUtc(DateTime time) =>
        time.Kind == DateTimeKind.Local ? new DateTimeOffset(time.ToUniversalTime()) : new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
