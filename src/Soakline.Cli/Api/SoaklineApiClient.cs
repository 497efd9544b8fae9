using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Soakline.Cli.Configuration;
using Soakline.Cli.Models;

namespace Soakline.Cli.Api;

/// <summary>
/// The app's HTTP API as the CLI uses it. Every request carries the key as <c>X-Api-Key</c>; failures become
/// <see cref="CliException"/>s that say what happened (unreachable, refused key, not JSON) without the key.
/// </summary>
internal sealed class SoaklineApiClient(HttpClient http, Connection connection)
{
    public const string KeyHeader = "X-Api-Key";

    /// <summary>The header the Azure Functions host reads a function key from.</summary>
    public const string FunctionKeyHeader = "x-functions-key";

    public Connection Connection => connection;

    /// <summary><c>GET /api/pipelines</c> with the filters that are set.</summary>
    public async Task<(IReadOnlyList<PipelineSummary> Pipelines, string Json)> ListPipelinesAsync(string? repository, string? branch, string? status, int? limit, CancellationToken ct)
    {
        var query = new List<string>();
        Add(query, "repository", repository);
        Add(query, "branch", branch);
        Add(query, "status", status);
        Add(query, "limit", limit?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var reply = await SendAsync(HttpMethod.Get, "api/pipelines" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty), null, ct).ConfigureAwait(false);
        if (!reply.IsSuccess)
        {
            throw Failure(reply, "listing pipelines");
        }

        return (Parse<List<PipelineSummary>>(reply, "the pipeline list"), reply.Body);
    }

    /// <summary><c>GET /api/pipelines/{id}</c>; an unknown id is a <see cref="ExitCodes.NotFound"/> failure.</summary>
    public async Task<(PipelineDetail Detail, string Json)> GetPipelineAsync(string id, CancellationToken ct)
    {
        var reply = await SendAsync(HttpMethod.Get, "api/pipelines/" + Uri.EscapeDataString(id), null, ct).ConfigureAwait(false);
        if (reply.Status == HttpStatusCode.NotFound)
        {
            throw new CliException(ExitCodes.NotFound, $"pipeline '{id}' was not found ({reply.ErrorMessage}); `soakline pipelines` lists the ids");
        }

        if (!reply.IsSuccess)
        {
            throw Failure(reply, $"reading pipeline '{id}'");
        }

        return (Parse<PipelineDetail>(reply, $"pipeline '{id}'"), reply.Body);
    }

    /// <summary>
    /// <c>POST /api/pipelines/{id}/approve|reject</c> with only a comment: who decides is the key's name on the server,
    /// never a name this client sends.
    /// </summary>
    public Task<ApiReply> DecideAsync(string id, bool approve, string? comment, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"api/pipelines/{Uri.EscapeDataString(id)}/{(approve ? "approve" : "reject")}", new DecisionRequest(comment), ct);

    /// <summary><c>POST /api/environments/{env}/rollback</c>; as for decisions, the requester is the caller's identity.</summary>
    public Task<ApiReply> RollbackAsync(string environment, RollbackRequest request, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"api/environments/{Uri.EscapeDataString(environment)}/rollback", request, ct);

    /// <summary>
    /// <c>POST /api/releases</c>: starts the pipeline of a commit of a repository the app serves from a local clone
    /// (202 started, 200 when it existed already).
    /// </summary>
    public Task<ApiReply> ReleaseAsync(ReleaseRequest request, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "api/releases", request, ct);

    private async Task<ApiReply> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(connection.BaseUrl, path));
        request.Headers.Add(KeyHeader, connection.ApiKey);
        if (connection.FunctionKey is { } functionKey)
        {
            request.Headers.Add(FunctionKeyHeader, functionKey);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, body.GetType(), CliJson.Options), Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            var reply = new ApiReply(response.StatusCode, text);
            if (reply.Status == HttpStatusCode.Unauthorized)
            {
                throw new CliException(ExitCodes.Unauthorized, $"the app at {connection.BaseUrl} refused the API key from {connection.KeySource} ({reply.ErrorMessage}); {ConnectionResolver.KeyHint}");
            }

            return reply;
        }
        catch (HttpRequestException ex)
        {
            throw new CliException(ExitCodes.Unreachable, $"cannot reach the Soakline app at {connection.BaseUrl} (url from {connection.UrlSource}): {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Unreachable, $"the Soakline app at {connection.BaseUrl} did not answer within {http.Timeout.TotalSeconds:0} s", ex);
        }
    }

    /// <summary>The failure for an error answer: the server's message and the exit code its status means.</summary>
    public static CliException Failure(ApiReply reply, string doing)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var code = reply.Status == HttpStatusCode.NotFound ? ExitCodes.NotFound : ExitCodes.Refused;
        return new CliException(code, $"{doing}: {reply.ErrorMessage}");
    }

    private T Parse<T>(ApiReply reply, string what)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(reply.Body, CliJson.Options) ?? throw new JsonException("null");
        }
        catch (JsonException ex)
        {
            throw new CliException(ExitCodes.Unreachable, $"{connection.BaseUrl} answered {(int)reply.Status} but {what} is not the Soakline API's JSON (is the URL a Soakline app?): {ex.Message}", ex);
        }
    }

    private static void Add(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            query.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
        }
    }
}
