using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// The ids of the transitions one orchestration execution records (<see cref="ReleaseTransition.Id"/>, by which the
/// release store keeps each transition once): the n-th record of an execution gets the same id in every run of the
/// episode that records it, and every other record another id.
/// </summary>
/// <remarks>
/// The engine may run an episode twice: DTFx on Azure Storage sends an episode's messages before it commits its
/// history, so a process killed in between runs the episode again later. The record activity then runs for both runs
/// of the episode. An id from the SDK's <c>NewGuid</c> depends on the episode's orchestration time, which differs on the
/// re-run, so the timeline could show such a transition twice. Here the id depends on the instance, on what names this
/// execution, on how many transitions the execution recorded before and on what the transition is about, all of which
/// the re-run replays the same.
/// </remarks>
internal sealed class TransitionIds
{
    private readonly string _execution;
    private int _issued;

    private TransitionIds(string instanceId, string execution) => _execution = instanceId + "\n" + execution;

    /// <summary>
    /// For an execution its input tells apart from every other of the same instance: an environment run's input names
    /// its release (unique per pipeline run) and, after a continue-as-new, where the rollout stands; an automatic
    /// rollback's order carries the moment it was decided. The input is serialized again here (deterministically: the
    /// same values give the same text) and hashed: once each time the orchestrator runs, that is, once per episode.
    /// </summary>
    public static TransitionIds ForInput<TInput>(TaskOrchestrationContext context, TInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new TransitionIds(context.InstanceId, Hash(JsonSerializer.Serialize(input)));
    }

    /// <summary>
    /// For an execution named by the time of its first episode, read before its first await: the release
    /// orchestrator's (a push's input is the same if its pipeline is ever run again under the same id). That time is
    /// replayed the same by every later episode; the first episode itself records nothing.
    /// </summary>
    public static TransitionIds StartedAt(TaskOrchestrationContext context, DateTimeOffset firstEpisode)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new TransitionIds(context.InstanceId, firstEpisode.UtcTicks.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The id of the execution's next recorded transition. What the transition is about (its pipeline, environment,
    /// kind, component and release) is part of it, so an execution the engine created again with the same input (a
    /// second start of a child that was already running) keeps a transition it records where the first execution
    /// recorded another; one it records where the first recorded the same is the same fact, kept once. The detail is
    /// not part of it: it may name times (an approval's expiry) that differ on the re-run.
    /// </summary>
    public string Next(string pipelineId, string environment, TransitionKind kind, string? component, ReleaseId? release) =>
        Hash(string.Create(CultureInfo.InvariantCulture, $"{_execution}\n{_issued++}\n{pipelineId}\n{environment}\n{kind}\n{component}\n{release?.Value}"));

    // 32 hex digits, the length and alphabet of the GUIDs ("N") recorded before.
    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
}
