using System.Net;
using System.Net.Http.Json;
using System.Text;
using CsCheck;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Tests.Properties;

namespace Soakline.Functions.Tests.Api;

/// <summary>
/// Generated API requests (list filters, pipeline ids, decisions and rollbacks with any body, DORA windows) with the
/// right key, another key or none: the API never answers 5xx, a caller without a valid key gets 401 and changes
/// nothing (401, or 400 when the request does not even bind).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes the app through IAsyncLifetime.DisposeAsync")]
public sealed class ApiInputProperties : IAsyncLifetime
{
    private const string Text = "abcdefghijklmnopqrstuvwxyz0123456789-_./:%?&=#+ @!'\"[]{}<>\\";
    private readonly SoaklineAppFactory _app = new();
    private HttpClient _http = null!;

    private static readonly Gen<string> Value = Gen.OneOf(
        Gen.OneOf("acme/shop", "acme", "/", "", "main", "Running", "completed", "-1", "0", "501", "99999999999", "production", "staging", "null"),
        Gen.String[Gen.Char[Text], 0, 80]);

    private static readonly Gen<string> Body = Gen.OneOf(
        Gen.OneOf("", "{}", "null", "[]", "{\"reason\":\"looks good\"}", "{\"reason\":1}", "{\"reason\":null}", "{\"comment\":\"x\",\"reason\":\"\"}", "{", "\"text\""),
        Gen.String[Gen.Char[Text], 0, 200]);

    /// <summary>method, path and query, body (null for none).</summary>
    private static readonly Gen<(HttpMethod Method, string Path, string? Body)> Route = Gen.Select(Gen.Int[0, 6], Value, Value, Value, Value, Body)
        .Select((route, a, b, c, d, body) => route switch
        {
            0 => (HttpMethod.Get, $"/api/pipelines?repository={Escape(a)}&branch={Escape(b)}&status={Escape(c)}&limit={Escape(d)}", (string?)null),
            1 => (HttpMethod.Get, $"/api/pipelines?{Escape(a)}={Escape(b)}", null),
            2 => (HttpMethod.Get, $"/api/pipelines/{Escape(a)}", null),
            3 => (HttpMethod.Post, $"/api/pipelines/{Escape(a)}/{(b.Length % 3) switch { 0 => "approve", 1 => "reject", _ => "abort" }}", body),
            4 => (HttpMethod.Post, $"/api/environments/{Escape(a)}/rollback", body),
            5 => (HttpMethod.Get, $"/api/metrics/dora?environment={Escape(a)}&days={Escape(b)}", null),
            _ => (HttpMethod.Get, $"/api/{Escape(a)}", null),
        });

    /// <summary>0: the right key in X-Api-Key, 1: as a bearer token, 2: another key, 3: none, 4: random.</summary>
    private static readonly Gen<((HttpMethod Method, string Path, string? Body) Route, int Key, string RandomKey)> Case =
        Gen.Select(Route, Gen.Int[0, 4], Gen.String[Gen.Char[Text], 0, 40]);

    public async Task InitializeAsync()
    {
        _http = _app.CreateClient();
        // One pipeline to find, decide on and abort.
        using var push = await _http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push()));
        Assert.Equal(HttpStatusCode.Accepted, push.StatusCode);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task No_api_request_gets_a_5xx_and_none_without_a_valid_key_changes_anything()
    {
        await PropertyRun.CheckAsync(Case, async generated =>
        {
            var (route, key, randomKey) = generated;
            // Settled first, so a snapshot shows only what this request did (a decision before it may still be running).
            await _app.IdleAsync();
            var before = await SnapshotAsync();
            using var request = new HttpRequestMessage(route.Method, route.Path);
            if (route.Body is not null)
            {
                request.Content = new StringContent(route.Body, Encoding.UTF8, "application/json");
            }

            switch (key)
            {
                case 0: request.Headers.TryAddWithoutValidation("X-Api-Key", TestSettings.ApiKey); break;
                case 1: request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + TestSettings.ApiKey); break;
                case 2: request.Headers.TryAddWithoutValidation("X-Api-Key", TestSettings.OtherKey); break;
                case 4: request.Headers.TryAddWithoutValidation("X-Api-Key", randomKey); break;
            }

            using var response = await _http.SendAsync(request);
            var status = (int)response.StatusCode;

            Assert.True(status < 500, $"{status}: {await response.Content.ReadAsStringAsync()}");
            if (key is 3 or 4 && route.Path.StartsWith("/api/", StringComparison.Ordinal))
            {
                // The key is checked by an endpoint filter, which runs after ASP.NET binds the route's parameters: a
                // query or body that cannot bind (limit=abc, broken JSON) is a 400 before the key is looked at; a path no
                // endpoint serves is a 404; a path whose dot segments resolve to a route of another method
                // ("/api/pipelines/./approve" is "/api/pipelines/approve", a GET route) is a 405 from routing.
                Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
                await _app.IdleAsync();
                Assert.Equal(before, await SnapshotAsync());
            }
        }, normalCases: 150, print: c => $"{c.Route.Method} {c.Route.Path} key={c.Key} body={c.Route.Body}");
    }

    // Cases the property found failing (each was a 500, unless said otherwise), kept as they were found.

    [Fact]
    public async Task A_decision_posted_without_a_key_to_a_path_that_resolves_to_another_route_changes_nothing()
    {
        // ./run proof's fuzzing, seed d0f2TBGofQM1: the dot segment makes this "/api/pipelines/approve", which only GET
        // serves. Routing answers 405 before the key is looked at; nothing is decided.
        await _app.IdleAsync();
        var before = await SnapshotAsync();

        using var response = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/pipelines/./approve") { Content = JsonContent.Create(new { comment = "fuzz" }) });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        await _app.IdleAsync();
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData("m\"g:[?\"v]2o-?phz:3v-kd:<aj[!>+q+::<h2d96r'47d9'}97%@9] {b>8")]
    [InlineData("a?b")]
    [InlineData("a#b")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a b")]
    // A blank id: the engine threw and the request answered 500 (./run proof, seed csX59fPd9JA4: GET /api/pipelines/%20).
    [InlineData(" ")]
    [InlineData("\u00a0\u2003")]
    public async Task A_pipeline_id_no_pipeline_can_have_is_not_found(string id)
    {
        using var response = await _http.SendAsync(Keyed(HttpMethod.Get, "/api/pipelines/" + Uri.EscapeDataString(id)));

        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{string.Join("\n", _app.Logs.Lines.TakeLast(3))}");
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("reject")]
    [InlineData("abort")]
    public async Task A_decision_on_a_pipeline_id_no_pipeline_can_have_is_not_found(string action)
    {
        using var response = await _http.SendAsync(Keyed(HttpMethod.Post, $"/api/pipelines/{Uri.EscapeDataString("release:a?b")}/{action}", JsonContent.Create(new { reason = "fuzz", comment = "fuzz" })));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("6}2/ki6 5]vi881>g='i2'.=]-s8n+9j12+ 26:b#98?52\\xl =&g.s34t-v'&>v%", "")]
    public async Task A_list_filter_no_pipeline_id_can_match_is_a_400_naming_the_filter(string repository, string? branch)
    {
        // Was a 500: the empty branch made the id prefix throw.
        var query = "/api/pipelines?repository=" + Uri.EscapeDataString(repository) + (branch is null ? "" : "&branch=" + Uri.EscapeDataString(branch));
        using var response = await _http.SendAsync(Keyed(HttpMethod.Get, query));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("branch", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static HttpRequestMessage Keyed(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-Api-Key", TestSettings.ApiKey);
        return request;
    }

    /// <summary>Every instance with its status and custom status: what a request could change.</summary>
    private async Task<string> SnapshotAsync() =>
        string.Join('\n', (await _app.InstancesAsync()).Select(i => $"{i.InstanceId} {i.RuntimeStatus} {i.SerializedCustomStatus}").Order(StringComparer.Ordinal));

    private static string Escape(string value) => Uri.EscapeDataString(value);
}
