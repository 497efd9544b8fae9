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
public sealed class GitHubEventRouter(IReleaseStarter releases, IPipelineSignals signals, IProtectionPolicySource policies)
{
    /// <returns>The HTTP status and reply. Throws <see cref="WebhookPayloadException"/> for a payload missing what the event needs.</returns>
    public async Task<(int Status, WebhookReply Reply)> RouteAsync(string eventName, JsonElement payload, CancellationToken cancellationToken)
    {
        switch (eventName)
        {
            case "ping":
                return (StatusCodes.Status200OK, new WebhookReply("pong", payload.TryGetProperty("zen", out var zen) && zen.ValueKind == JsonValueKind.String ? zen.GetString() : null));
            case "push":
                var push = GitHubPayloadReader.ReadPush(payload);
                if (push is null)
                {
                    return (StatusCodes.Status202Accepted, new WebhookReply("ignored", "not a push of a commit to a branch (tag or branch deletion)"));
                }

                if (await NotServedAsync(push.Repository, cancellationToken) is { } notServed)
                {
                    return notServed;
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

    private async Task<(int Status, WebhookReply Reply)?> NotServedAsync(RepositoryRef repository, CancellationToken cancellationToken) =>
        PolicyCheck.RepositoryRefusal(await policies.GetPolicyAsync(repository, cancellationToken), repository) is { } refusal
            ? (StatusCodes.Status202Accepted, new WebhookReply("ignored", $"{refusal} (setting {SettingNames.PolicyRepositories})"))
            : null;
}
