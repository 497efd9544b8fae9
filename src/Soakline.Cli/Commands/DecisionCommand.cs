using System.CommandLine;
using System.Net;
using System.Text.Json;
using Soakline.Cli.Api;

namespace Soakline.Cli.Commands;

/// <summary>
/// <c>soakline approve|reject &lt;id&gt; [--comment c]</c>. The app decides who is deciding (the API key's name) and
/// whether it took effect; this prints its answer as it is: success only on 200 or 202, otherwise the server's message
/// and a non-zero exit code.
/// </summary>
internal static class DecisionCommand
{
    public static Command Create(CommandContext context, bool approve)
    {
        ArgumentNullException.ThrowIfNull(context);
        var verb = approve ? "approve" : "reject";
        var id = new Argument<string>("id") { Description = "The pipeline waiting for approval" };
        var comment = new Option<string>("--comment", "-m") { Description = "Why; recorded with the decision" };
        var command = new Command(verb, approve ? "Approve a release waiting for approval" : "Reject a release waiting for approval") { id, comment };
        command.SetAction((parse, ct) => context.RunAsync(parse, async (api, json, token) =>
        {
            var pipelineId = parse.GetValue(id)!;
            var reply = await api.DecideAsync(pipelineId, approve, parse.GetValue(comment), token).ConfigureAwait(false);
            return await ReportAsync(context, reply, json, $"{verb} {pipelineId}", () => Confirmation(reply, approve, pipelineId)).ConfigureAwait(false);
        }, ct));
        return command;
    }

    /// <summary>
    /// Prints an answer to a request that changes something: the body for <c>--json</c>, else <paramref name="success"/>'s
    /// sentence on 200/202 or the server's message on stderr.
    /// </summary>
    public static async Task<int> ReportAsync(CommandContext context, ApiReply reply, bool json, string doing, Func<string> success)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(success);
        var tookEffect = reply.Status is HttpStatusCode.OK or HttpStatusCode.Accepted;
        if (json && !string.IsNullOrWhiteSpace(reply.Body))
        {
            await context.WriteJsonAsync(reply.Body).ConfigureAwait(false);
        }
        else if (tookEffect)
        {
            await context.Console.Out.WriteLineAsync(success()).ConfigureAwait(false);
        }

        if (tookEffect)
        {
            return ExitCodes.Success;
        }

        var failure = reply.IsSuccess
            ? new CliException(ExitCodes.Refused, $"{doing}: the app answered {(int)reply.Status}, not 200 or 202, so it is not known to have taken effect")
            : SoaklineApiClient.Failure(reply, doing);
        await context.Console.Error.WriteLineAsync($"soakline: {failure.Message}").ConfigureAwait(false);
        return failure.ExitCode;
    }

    private static string Confirmation(ApiReply reply, bool approve, string id)
    {
        var by = Field(reply.Body, "by");
        var at = Field(reply.Body, "at");
        var who = by is null ? string.Empty : $" by {by}";
        var when = at is null ? string.Empty : $" at {at}";
        return $"{(approve ? "Approved" : "Rejected")}{who}{when}: {id} ({(int)reply.Status} {(reply.Status == HttpStatusCode.Accepted ? "accepted" : "recorded")})";
    }

    /// <summary>A string field of the answer, if the answer is a JSON object that has it.</summary>
    public static string? Field(string body, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
