using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Soakline.Functions.Tests.Infrastructure;

namespace Soakline.Functions.Tests.Api;

/// <summary>Every API route (and the dashboard) needs the key standalone; the webhook, approvals, health and signing in do not.</summary>
public sealed class ApiKeyTests : IClassFixture<ApiKeyTests.App>
{
    private static readonly string[] Open = ["/api/github/webhook", "/approvals/{token}", "/healthz", "/", "/dashboard/sign-in", "/dashboard/sign-out"];
    private readonly App _app;

    public ApiKeyTests(App app) => _app = app;

    public sealed class App : IAsyncLifetime
    {
        public SoaklineAppFactory Factory { get; } = new();

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    /// <summary>Every guarded route the app maps, with a concrete path and its method.</summary>
    private List<(string Method, string Path)> GuardedRoutes()
    {
        var routes = _app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !Open.Contains("/" + e.RoutePattern.RawText!.TrimStart('/')))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/').Replace("{id}", "release:acme:shop:main:abc", StringComparison.Ordinal).Replace("{env}", "production", StringComparison.Ordinal))))
            .ToList();
        return routes;
    }

    [Fact]
    public void The_guarded_routes_are_the_api_and_the_dashboard()
    {
        var paths = GuardedRoutes().Select(r => r.Path).ToList();

        Assert.All(paths, p => Assert.True(p.StartsWith("/api/", StringComparison.Ordinal) || p == "/dashboard" || p.StartsWith("/dashboard/", StringComparison.Ordinal), p));
        Assert.Contains("/api/pipelines", paths);
        Assert.Contains("/api/pipelines/release:acme:shop:main:abc/approve", paths);
        Assert.Contains("/api/pipelines/release:acme:shop:main:abc/reject", paths);
        Assert.Contains("/api/pipelines/release:acme:shop:main:abc/abort", paths);
        Assert.Contains("/api/environments/production/rollback", paths);
        Assert.Contains("/api/metrics/dora", paths);
        Assert.Contains("/dashboard", paths);
        Assert.Contains("/dashboard/pipelines/release:acme:shop:main:abc", paths);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("X-Api-Key", "wrong-key-wrong-key")]
    [InlineData("Authorization", "Bearer wrong-key-wrong-key")]
    [InlineData("Authorization", "Basic " + TestSettings.ApiKey)]
    public async Task Every_guarded_route_refuses_a_missing_or_wrong_key_with_401(string? header, string? value)
    {
        var http = _app.Factory.CreateClient();
        foreach (var (method, path) in GuardedRoutes())
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(new { }) };
            if (header is not null)
            {
                request.Headers.TryAddWithoutValidation(header, value);
            }

            var response = await http.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)response.StatusCode}");
        }
    }

    [Theory]
    [InlineData("X-Api-Key", TestSettings.ApiKey)]
    [InlineData("Authorization", "Bearer " + TestSettings.ApiKey)]
    public async Task Every_guarded_route_accepts_the_key_in_either_header(string header, string value)
    {
        var http = _app.Factory.CreateClient();
        foreach (var (method, path) in GuardedRoutes())
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(new { }) };
            request.Headers.TryAddWithoutValidation(header, value);

            var response = await http.SendAsync(request);

            Assert.True(response.StatusCode != HttpStatusCode.Unauthorized, $"{method} {path} answered 401 with the key");
        }
    }

    [Fact]
    public async Task Health_is_open()
    {
        var response = await _app.Factory.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"status\":\"ok\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_401_asks_for_a_bearer_token()
    {
        var response = await _app.Factory.CreateClient().GetAsync("/api/pipelines");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(new AuthenticationHeaderValue("Bearer"), response.Headers.WwwAuthenticate.Single());
    }
}
