using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Soakline.Functions.Functions;
using Soakline.Functions.Webhooks;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Pipeline.Orchestration;

namespace Soakline.Functions.Tests.Functions;

/// <summary>
/// HTTP functions called the way the ASP.NET Core integration calls them: the function returns an IResult, which the
/// integration executes on the request's HttpContext, whose RequestServices is the invocation's scope. The request runs
/// through the app's own endpoints, so every check is the standalone one; the function key has been checked by the host.
/// </summary>
public sealed class HttpFunctionTests
{
    private readonly FakeTimeProvider _clock = new(SoaklineAppFactory.Start);

    [Fact]
    public async Task The_webhook_function_starts_the_release_with_the_invocation_client()
    {
        using var services = WorkerServices.Build(_clock);
        await using var scope = services.CreateAsyncScope();
        var client = new RecordingDurableTaskClient();
        var body = GitHubDeliveries.Push(sha: new string('e', 40));
        var http = Request(scope.ServiceProvider, "POST", GitHubWebhookEndpoint.Route, body);
        http.Request.Headers[GitHubWebhookEndpoint.EventHeader] = "push";
        http.Request.Headers[GitHubWebhookEndpoint.DeliveryHeader] = Guid.NewGuid().ToString();
        http.Request.Headers[WebhookSignature.HeaderName] = WebhookSignature.Compute(Encoding.UTF8.GetBytes(body), TestSettings.WebhookSecretBytes);

        await Functions(scope).GitHubWebhook(http.Request, client).ExecuteAsync(http);

        Assert.True(http.Response.StatusCode == StatusCodes.Status202Accepted, $"{http.Response.StatusCode}: {Body(http)}");
        Assert.Equal(nameof(ReleaseOrchestrator), Assert.Single(client.Started).Name.Name);
    }

    [Fact]
    public async Task A_function_key_invocation_passes_the_api_key_filter_and_reaches_the_endpoint()
    {
        using var services = WorkerServices.Build(_clock);
        await using var scope = services.CreateAsyncScope();
        var http = Request(scope.ServiceProvider, "GET", "/api/pipelines/release:acme:shop:main:nope");

        await Functions(scope).PipelinesApi(http.Request, new RecordingDurableTaskClient()).ExecuteAsync(http);

        // No X-Api-Key: the host checked the function key. The endpoint itself answered (not the filter's 401).
        Assert.Equal(StatusCodes.Status404NotFound, http.Response.StatusCode);
        Assert.Contains("release:acme:shop:main:nope", Body(http), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_the_app_does_not_map_answers_404_without_touching_the_client()
    {
        using var services = WorkerServices.Build(_clock);
        await using var scope = services.CreateAsyncScope();
        var client = new RecordingDurableTaskClient();
        var http = Request(scope.ServiceProvider, "POST", "/api/pipelines/x/unknown", "{}");

        await Functions(scope).PipelinesApi(http.Request, client).ExecuteAsync(http);

        Assert.Equal(StatusCodes.Status404NotFound, http.Response.StatusCode);
        Assert.Empty(client.Started);
    }

    [Fact]
    public async Task A_query_parameter_that_does_not_bind_is_a_problem_naming_it_in_azure_mode_too()
    {
        using var services = WorkerServices.Build(_clock);
        await using var scope = services.CreateAsyncScope();
        var http = Request(scope.ServiceProvider, "GET", "/api/pipelines");
        http.Request.QueryString = new QueryString("?limit=abc");

        await Functions(scope).PipelinesApi(http.Request, new RecordingDurableTaskClient()).ExecuteAsync(http);

        Assert.Equal(StatusCodes.Status400BadRequest, http.Response.StatusCode);
        Assert.StartsWith("application/problem+json", http.Response.ContentType, StringComparison.Ordinal);
        Assert.Contains("\"limit: 'abc' is not a whole number\"", Body(http), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decision_body_that_is_not_json_is_a_problem_naming_the_body_in_azure_mode_too()
    {
        using var services = WorkerServices.Build(_clock);
        await using var scope = services.CreateAsyncScope();
        var http = Request(scope.ServiceProvider, "POST", "/api/pipelines/release:acme:shop:main:abc/approve", "{\"comment\": ");

        await Functions(scope).PipelinesApi(http.Request, new RecordingDurableTaskClient()).ExecuteAsync(http);

        Assert.Equal(StatusCodes.Status400BadRequest, http.Response.StatusCode);
        Assert.StartsWith("application/problem+json", http.Response.ContentType, StringComparison.Ordinal);
        Assert.Contains("\"body\":[", Body(http), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_answers_without_a_client_and_says_how_the_app_runs()
    {
        using var services = WorkerServices.Build(_clock);
        await using var scope = services.CreateAsyncScope();
        var http = Request(scope.ServiceProvider, "GET", "/healthz");

        await Functions(scope).Healthz(http.Request).ExecuteAsync(http);

        Assert.Equal(StatusCodes.Status200OK, http.Response.StatusCode);
        Assert.Contains("\"mode\":\"FunctionsWorker\"", Body(http), StringComparison.Ordinal);
    }

    private static HttpFunctions Functions(AsyncServiceScope scope) => ActivatorUtilities.CreateInstance<HttpFunctions>(scope.ServiceProvider);

    private static DefaultHttpContext Request(IServiceProvider services, string method, string path, string? json = null)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Method = method;
        http.Request.Path = path;
        http.Response.Body = new MemoryStream();
        if (json is not null)
        {
            http.Request.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(json);
            http.Request.Body = new MemoryStream(bytes);
            http.Request.ContentLength = bytes.Length;
            http.Features.Set<IHttpRequestBodyDetectionFeature>(new RequestWithBody());
        }

        return http;
    }

    /// <summary>What Kestrel reports for a request with a body; DefaultHttpContext alone says "no body".</summary>
    private sealed class RequestWithBody : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }

    private static string Body(HttpContext http)
    {
        http.Response.Body.Position = 0;
        return new StreamReader(http.Response.Body).ReadToEnd();
    }
}
