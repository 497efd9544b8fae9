using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Soakline.Demo.Kit.Processes;

namespace Soakline.Demo.Kit.LocalServices;

/// <summary>
/// The GitHub REST API (Enterprise paths, <c>/api/v3/...</c>) for the demo repository, answered from its local git
/// clone: file contents at a commit, comparisons, deployments and commit statuses (remembered, nothing else), and
/// issues, which is where the app opens its incidents. The app talks to it exactly as it talks to GitHub, through its
/// GitHub adapter with <c>Soakline__GitHub__BaseUrl</c>, so no part of the app is replaced for the demo.
/// </summary>
public sealed class LocalGitHub : IAsyncDisposable
{
    public const string Token = "ghs_local_demo_token";

    private readonly WebApplication _app;
    private readonly string _repositoryPath;
    private readonly string _fullName;
    private readonly ConcurrentDictionary<int, JsonObject> _issues = new();
    private readonly ConcurrentQueue<string> _unanswered = new();
    private int _nextId;

    private LocalGitHub(WebApplication app, string repositoryPath, string fullName)
    {
        _app = app;
        _repositoryPath = repositoryPath;
        _fullName = fullName;
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Incident issues the app opened, as (number, title, URL).</summary>
    public IReadOnlyList<(int Number, string Title, string Url, string State)> Issues =>
        [.. _issues.OrderBy(i => i.Key).Select(i => (i.Key, (string?)i.Value["title"] ?? "", (string?)i.Value["html_url"] ?? "", (string?)i.Value["state"] ?? ""))];

    /// <summary>Requests this server had no answer for (a sign the app needs more of GitHub than the demo serves).</summary>
    public IReadOnlyCollection<string> Unanswered => _unanswered;

    public static async Task<LocalGitHub> StartAsync(string repositoryPath, string fullName)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.On(IPAddress.Loopback)}");
        var app = builder.Build();
        var github = new LocalGitHub(app, repositoryPath, fullName);
        app.Map("/{**path}", (Func<HttpContext, Task<IResult>>)github.AnswerAsync);
        await app.StartAsync().ConfigureAwait(false);
        github.BaseUrl = new Uri(app.Urls.Single().TrimEnd('/') + "/");
        return github;
    }

    private async Task<IResult> AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        var prefix = $"/api/v3/repos/{_fullName}";
        if (path.StartsWith($"/{_fullName}/issues/", StringComparison.Ordinal) && int.TryParse(path[(path.LastIndexOf('/') + 1)..], out var shown) && _issues.TryGetValue(shown, out var page))
        {
            return Results.Text($"Incident #{shown} ({page["state"]}): {page["title"]}\n\n{page["body"]}\n", "text/plain; charset=utf-8");
        }

        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return NotAnswered(request);
        }

        var rest = path[prefix.Length..];
        var body = request.ContentLength is > 0 || request.Method is "POST" or "PATCH"
            ? await JsonNode.ParseAsync(request.Body).ConfigureAwait(false) as JsonObject ?? []
            : [];
        return (request.Method, rest) switch
        {
            ("GET", "") => Json(new JsonObject { ["id"] = 1, ["name"] = _fullName.Split('/')[1], ["full_name"] = _fullName, ["owner"] = new JsonObject { ["login"] = _fullName.Split('/')[0] }, ["default_branch"] = "main" }),
            ("GET", var p) when p.StartsWith("/contents/", StringComparison.Ordinal) => await ContentsAsync(Uri.UnescapeDataString(p["/contents/".Length..]), request.Query["ref"].ToString()).ConfigureAwait(false),
            ("GET", var p) when p.StartsWith("/compare/", StringComparison.Ordinal) => await CompareAsync(p["/compare/".Length..]).ConfigureAwait(false),
            ("GET", var p) when p.EndsWith("/check-runs", StringComparison.Ordinal) => Json(new JsonObject { ["total_count"] = 0, ["check_runs"] = new JsonArray() }),
            ("GET", var p) when p.EndsWith("/status", StringComparison.Ordinal) => Json(new JsonObject { ["state"] = "success", ["total_count"] = 0, ["statuses"] = new JsonArray() }),
            ("POST", "/deployments") => Json(Remember(body), HttpStatusCode.Created),
            ("POST", var p) when p.StartsWith("/deployments/", StringComparison.Ordinal) || p.StartsWith("/statuses/", StringComparison.Ordinal) => Json(Remember(body), HttpStatusCode.Created),
            ("GET", "/issues") => Json(new JsonArray([.. _issues.Values.Where(i => (string?)i["state"] == "open").Select(i => i.DeepClone())])),
            ("POST", "/issues") => Json(OpenIssue(body), HttpStatusCode.Created),
            ("POST", var p) when p.StartsWith("/issues/", StringComparison.Ordinal) && p.EndsWith("/comments", StringComparison.Ordinal) => Json(Remember(body), HttpStatusCode.Created),
            ("PATCH", var p) when p.StartsWith("/issues/", StringComparison.Ordinal) && int.TryParse(p["/issues/".Length..], out var number) && _issues.TryGetValue(number, out var issue) => Json(Update(issue, body)),
            _ => NotAnswered(request),
        };
    }

    private async Task<IResult> ContentsAsync(string file, string commit)
    {
        try
        {
            await Shell.RunAsync(_repositoryPath, "git", "cat-file", "-e", $"{commit}:{file}").ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            return Json(new JsonObject { ["message"] = "Not Found" }, HttpStatusCode.NotFound);
        }

        var text = await Shell.RunAsync(_repositoryPath, "git", "show", $"{commit}:{file}").ConfigureAwait(false);
        var bytes = Encoding.UTF8.GetBytes(text + "\n");
        return Json(new JsonObject
        {
            ["type"] = "file",
            ["encoding"] = "base64",
            ["size"] = bytes.Length,
            ["name"] = Path.GetFileName(file),
            ["path"] = file,
            ["content"] = Convert.ToBase64String(bytes),
            ["sha"] = await Shell.RunAsync(_repositoryPath, "git", "rev-parse", $"{commit}:{file}").ConfigureAwait(false),
        });
    }

    private async Task<IResult> CompareAsync(string range)
    {
        var parts = range.Split("...", 2);
        if (parts.Length != 2)
        {
            return Json(new JsonObject { ["message"] = "Not Found" }, HttpStatusCode.NotFound);
        }

        var names = await Shell.RunAsync(_repositoryPath, "git", "diff", "--name-only", parts[0], parts[1]).ConfigureAwait(false);
        var commits = await Shell.RunAsync(_repositoryPath, "git", "rev-list", "--reverse", $"{parts[0]}..{parts[1]}").ConfigureAwait(false);
        var commitList = commits.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return Json(new JsonObject
        {
            ["status"] = "ahead",
            ["total_commits"] = commitList.Length,
            ["commits"] = new JsonArray([.. commitList.Select(sha => (JsonNode)new JsonObject { ["sha"] = sha })]),
            ["files"] = new JsonArray([.. names.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(name => (JsonNode)new JsonObject { ["filename"] = name, ["status"] = "modified" })]),
        });
    }

    private JsonObject Remember(JsonObject body)
    {
        body["id"] = Interlocked.Increment(ref _nextId);
        return body;
    }

    private JsonObject OpenIssue(JsonObject body)
    {
        var number = _issues.Count + 1;
        var labels = body["labels"] is JsonArray names ? new JsonArray([.. names.Select(n => (JsonNode)new JsonObject { ["name"] = n?.GetValue<string>() })]) : [];
        var issue = new JsonObject
        {
            ["id"] = Interlocked.Increment(ref _nextId),
            ["number"] = number,
            ["title"] = body["title"]?.GetValue<string>(),
            ["body"] = body["body"]?.GetValue<string>(),
            ["state"] = "open",
            ["labels"] = labels,
            ["html_url"] = new Uri(BaseUrl, $"{_fullName}/issues/{number}").AbsoluteUri,
        };
        _issues[number] = issue;
        return (JsonObject)issue.DeepClone();
    }

    private static JsonObject Update(JsonObject issue, JsonObject body)
    {
        if (body["state"] is { } state)
        {
            issue["state"] = state.GetValue<string>();
        }

        return (JsonObject)issue.DeepClone();
    }

    private IResult NotAnswered(HttpRequest request)
    {
        _unanswered.Enqueue($"{request.Method} {request.Path}{request.QueryString}");
        return Json(new JsonObject { ["message"] = "Not Found" }, HttpStatusCode.NotFound);
    }

    private static IResult Json(JsonNode node, HttpStatusCode status = HttpStatusCode.OK) =>
        Results.Text(node.ToJsonString(JsonSerializerOptions.Default), "application/json; charset=utf-8", Encoding.UTF8, (int)status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
