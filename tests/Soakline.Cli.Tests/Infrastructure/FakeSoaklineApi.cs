using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Soakline.Cli.Tests.Infrastructure;

/// <summary>
/// A local HTTP server on loopback that speaks the app's API the way the tests script it: the pipeline list, a
/// sequence of states per pipeline (each GET moves one step, the last repeats), canned answers to decisions and
/// rollbacks, and every request recorded (path, query, key header, body).
/// </summary>
internal sealed class FakeSoaklineApi : IAsyncDisposable
{
    public const string Key = "test-key-0123456789abcdef";

    /// <summary>A scripted state that drops the connection instead of answering, as an app that is restarting does.</summary>
    public const string Drop = "<drop the connection>";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Queue<string>> _states = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private FakeSoaklineApi(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The body of <c>GET /api/pipelines</c>.</summary>
    public string ListBody { get; set; } = "[]";

    /// <summary>What every POST answers: status and body.</summary>
    public (HttpStatusCode Status, string Body) PostAnswer { get; set; } = (HttpStatusCode.OK, "{}");

    /// <summary>When set, every request answers this instead (for 401s and non-JSON answers).</summary>
    public (HttpStatusCode Status, string ContentType, string Body)? Override { get; set; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>How many times the pipeline's state was read: what watch tests wait on.</summary>
    public int Reads(string id) => _requests.Count(r => r.Method == "GET" && r.Path == "/api/pipelines/" + id);

    public static async Task<FakeSoaklineApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeSoaklineApi(app);
        app.Use(fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = new Uri(app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return fake;
    }

    /// <summary>The states <c>GET /api/pipelines/{id}</c> returns, one per read, the last one for ever after.</summary>
    public void Script(string id, params string[] states) => _states[id] = new Queue<string>(states);

    private async Task HandleAsync(HttpContext http, RequestDelegate next)
    {
        var request = http.Request;
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        _requests.Enqueue(new RecordedRequest(request.Method, request.Path.Value ?? string.Empty, request.QueryString.Value ?? string.Empty, request.Headers["X-Api-Key"].ToString(), body, request.Headers["x-functions-key"].ToString()));

        if (Override is { } forced)
        {
            await Answer(http, forced.Status, forced.ContentType, forced.Body);
            return;
        }

        if (request.Headers["X-Api-Key"] != Key)
        {
            await Answer(http, HttpStatusCode.Unauthorized, "application/json", """{"error":"an API key is required: send it as X-Api-Key or Authorization: Bearer"}""");
            return;
        }

        var path = request.Path.Value ?? string.Empty;
        if (HttpMethods.IsPost(request.Method))
        {
            await Answer(http, PostAnswer.Status, "application/json", PostAnswer.Body);
        }
        else if (path == "/api/pipelines")
        {
            await Answer(http, HttpStatusCode.OK, "application/json", ListBody);
        }
        else if (path.StartsWith("/api/pipelines/", StringComparison.Ordinal) && _states.TryGetValue(path["/api/pipelines/".Length..], out var states))
        {
            string state;
            lock (states)
            {
                state = states.Count > 1 ? states.Dequeue() : states.Peek();
            }

            if (state == Drop)
            {
                http.Abort();
                return;
            }

            await Answer(http, HttpStatusCode.OK, "application/json", state);
        }
        else
        {
            var id = path.StartsWith("/api/pipelines/", StringComparison.Ordinal) ? path["/api/pipelines/".Length..] : path;
            await Answer(http, HttpStatusCode.NotFound, "application/json", $$"""{"error":"pipeline '{{id}}' does not exist"}""");
        }
    }

    private static async Task Answer(HttpContext http, HttpStatusCode status, string contentType, string body)
    {
        http.Response.StatusCode = (int)status;
        http.Response.ContentType = contentType;
        await http.Response.WriteAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
