using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Soakline.Functions.Configuration;
using Soakline.Functions.Releases;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Policy;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Webhooks;

/// <summary>
/// Acts on a verified delivery: a push starts its release, a completed workflow run or check suite signals the pipeline
/// of its commit, a ping is answered, anything else is acknowledged and ignored. Deliveries from a repository the
/// protection policy does not serve are acknowledged and ignored with the reason (the release orchestrator refuses
/// them too).
/// </summary>
internal sealed class GitHubEventRouter(IReleaseStarter releases, IPipelineSignals signals, IProtectionPolicySource policies)
{
    /// <returns>The HTTP status and reply. Throws <see cref="WebhookPayloadException"/> for a payload missing what the event needs.</returns>
    public async Task<(int Status, WebhookReply Reply)> RouteAsync(string eventName, JsonElement payload, CancellationToken cancellationToken)
    {
        switch (eventName)
        {
            case "ping":
                return (StatusCodes.Status200OK, new WebhookReply("pong", GitHubPayloadReader.ReadPingZen(payload)));
            case "push":
                var plan = await PlanPushAsync(payload, cancellationToken);
                if (plan.ToStart is not { } push)
                {
                    return (plan.Status, plan.Reply);
                }

                var start = await releases.StartAsync(push, cancellationToken);
                return start.Started
                    ? (StatusCodes.Status202Accepted, new WebhookReply("started", $"release pipeline for {push.Commit}", start.InstanceId))
                    : (StatusCodes.Status200OK, new WebhookReply("exists", $"the pipeline for {push.Commit} was started before", start.InstanceId));
            case "workflow_run":
            case "check_suite":
                var completed = eventName == "workflow_run" ? GitHubPayloadReader.ReadWorkflowRun(payload) : GitHubPayloadReader.ReadCheckSuite(payload);
                if (completed is null)
                {
                    return (StatusCodes.Status202Accepted, new WebhookReply("ignored", $"{eventName} not completed yet"));
                }

                if (await NotServedAsync(completed.Repository, cancellationToken) is { } ciNotServed)
                {
                    return ciNotServed;
                }

                var signalled = await signals.CiCompletedAsync(completed, cancellationToken);
                return signalled is null
                    ? (StatusCodes.Status202Accepted, new WebhookReply("ignored", $"no running pipeline for {completed.Repository}@{completed.Sha[..7]}"))
                    : (StatusCodes.Status202Accepted, new WebhookReply("signalled", $"{eventName} {completed.Conclusion}", signalled));
            default:
                return (StatusCodes.Status202Accepted, new WebhookReply("ignored", $"event '{eventName}' is not used by Soakline"));
        }
    }

    /// <summary>
    /// What a push asks for, without acting on it: a pipeline to start (<see cref="PushPlan.ToStart"/>), or an answer
    /// that it is ignored (a tag or a branch deletion, a repository the policy does not serve). Throws
    /// <see cref="WebhookPayloadException"/> for a push payload missing a field.
    /// </summary>
    public async Task<PushPlan> PlanPushAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        var push = GitHubPayloadReader.ReadPush(payload);
        if (push is null)
        {
            return new PushPlan(null, StatusCodes.Status202Accepted, new WebhookReply("ignored", "not a push of a commit to a branch (tag or branch deletion)"));
        }

        return await NotServedAsync(push.Repository, cancellationToken) is { } notServed
            ? new PushPlan(null, notServed.Status, notServed.Reply)
            : new PushPlan(push, StatusCodes.Status202Accepted, Accepted(push));
    }

    /// <summary>The answer to a push recorded for <see cref="ReleaseStartPump"/>: its pipeline's id is known before it starts.</summary>
    public static WebhookReply Accepted(PushReceived push)
    {
        ArgumentNullException.ThrowIfNull(push);
        return new WebhookReply("accepted", $"recorded; the release pipeline for {push.Commit} starts in the background", PipelineInstanceIds.ForPush(push.Commit));
    }

    private async Task<(int Status, WebhookReply Reply)?> NotServedAsync(RepositoryRef repository, CancellationToken cancellationToken) =>
        PolicyCheck.RepositoryRefusal(await policies.GetPolicyAsync(repository, cancellationToken), repository) is { } refusal
            ? (StatusCodes.Status202Accepted, new WebhookReply("ignored", $"{refusal} (setting {SettingNames.PolicyRepositories})"))
            : null;
}
