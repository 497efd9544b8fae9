using System.Net;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Soakline.Functions.CustomHandler;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Integrations.Approvals;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Functions.Tests.CustomHandler;

/// <summary>
/// The Functions host's side of the contract, for every function folder: requests shaped as the host sends them,
/// answers in the shape it reads (a 2xx invocation response with Outputs.res for HTTP; a 500 makes it retry a message).
/// </summary>
public sealed class CustomHandlerContractTests : IAsyncLifetime
{
    /// <summary>The function folders these tests exercise; a new folder fails <see cref="Every_function_folder_has_a_contract_test"/>.</summary>
    private static readonly string[] Covered =
    [
        "GitHubWebhook", "Approvals", "PipelinesApi", "EnvironmentsApi", "MetricsApi", "Healthz", "Dashboard",
        "MonitorTimer", "MonitorOffHoursTimer",
    ];

    private readonly string _specPath = Path.Combine(Path.GetTempPath(), $"soakline-spec-{Guid.NewGuid():N}.yml");
    private readonly SoaklineAppFactory _app;
    private HttpClient _http = null!;

    public CustomHandlerContractTests()
    {
        File.WriteAllText(_specPath, "monitoring:\n  checks: []\n");
        _app = new SoaklineAppFactory()
            .AsCustomHandler()
            .With("Soakline__Monitoring__Repository", "acme/shop")
            .With("Soakline__Monitoring__SpecPath", _specPath)
            .WithOrchestrators(r => r.AddOrchestratorFunc<object?, ApprovalDecision>("Waiter", (context, _) => context.WaitForExternalEvent<ApprovalDecision>("approval", CancellationToken.None)));
    }

    public Task InitializeAsync()
    {
        _http = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        File.Delete(_specPath);
    }

    private async Task<InvocationResult> Invoke(HttpRequestMessage request)
    {
        var response = await _http.SendAsync(request);
        return await InvocationResult.ReadAsync(response);
    }

    [Fact]
    public void Every_function_folder_has_a_contract_test()
    {
        var manifest = _app.Services.GetRequiredService<FunctionManifest>();

        Assert.Equal(Covered.Order(StringComparer.Ordinal), manifest.Functions.Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GitHubWebhook_starts_the_release_from_the_forwarded_request_and_returns_its_status_in_res()
    {
        var result = await Invoke(HostInvocations.GitHubWebhook("push", GitHubDeliveries.Push()));

        Assert.Equal(200, result.Status);
        Assert.Equal(202, result.HttpStatus);
        Assert.Equal(202, result.Outputs.GetProperty("res").GetProperty("status").GetInt32());
        Assert.StartsWith("application/json", result.HttpHeader("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("started", JsonDocument.Parse(result.HttpBody).RootElement.GetProperty("status").GetString());
        Assert.Single(await _app.InstancesAsync("release:"));
        Assert.Contains(result.Logs, l => l.Contains("GitHubWebhook", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GitHubWebhook_checks_the_signature_over_the_body_text_the_host_forwards()
    {
        var request = HostInvocations.Http("GitHubWebhook", "POST", "/api/github/webhook", GitHubDeliveries.Push(), new Dictionary<string, string>
        {
            ["Content-Type"] = "application/json",
            ["X-GitHub-Event"] = "push",
            ["X-GitHub-Delivery"] = "d-1",
            ["X-Hub-Signature-256"] = "sha256=" + new string('0', 64),
        });

        var result = await Invoke(request);

        Assert.Equal(401, result.HttpStatus);
        Assert.Empty(await _app.InstancesAsync());
    }

    [Fact]
    public async Task Approvals_get_shows_the_page_and_post_decides()
    {
        const string Instance = "release:acme:shop:main:0123456789abcdef0123456789abcdef01234567:production";
        await _app.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", null, new StartOrchestrationOptions(Instance));
        await _app.IdleAsync();
        var signer = new ApprovalTokenSigner(new ApprovalTokenSettings { SigningKey = TestSettings.SigningKey });
        var token = signer.Sign(new ApprovalTokenClaims(Instance, ApprovalChoice.Approve, "lead@example.com", _app.Clock.GetUtcNow().AddHours(1), "n-1"));
        var route = new Dictionary<string, string> { ["token"] = token };

        var page = await Invoke(HostInvocations.Http("Approvals", "GET", $"/approvals/{token}", routeParams: route));
        Assert.Equal(200, page.HttpStatus);
        Assert.StartsWith("text/html", page.HttpHeader("Content-Type"), StringComparison.Ordinal);
        Assert.Contains("Approve release?", page.HttpBody, StringComparison.Ordinal);

        var decided = await Invoke(HostInvocations.Http("Approvals", "POST", $"/approvals/{token}", "comment=ship+it", new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" }, route));
        Assert.Equal(200, decided.HttpStatus);
        Assert.Contains("Release approved", decided.HttpBody, StringComparison.Ordinal);

        var again = await Invoke(HostInvocations.Http("Approvals", "POST", $"/approvals/{token}", "", new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" }, route));
        Assert.Equal(409, again.HttpStatus);
    }

    [Fact]
    public async Task PipelinesApi_needs_no_api_key_when_the_host_checked_the_function_key()
    {
        await Invoke(HostInvocations.GitHubWebhook("push", GitHubDeliveries.Push()));

        var list = await Invoke(HostInvocations.Http("PipelinesApi", "GET", "/api/pipelines?repository=acme/shop&limit=10", routeParams: new Dictionary<string, string> { ["path"] = "" }));

        Assert.Equal(200, list.HttpStatus);
        var pipelines = JsonDocument.Parse(list.HttpBody).RootElement;
        Assert.Equal("release:acme:shop:main:0123456789abcdef0123456789abcdef01234567", Assert.Single(pipelines.EnumerateArray()).GetProperty("id").GetString());

        var missing = await Invoke(HostInvocations.Http("PipelinesApi", "POST", "/api/pipelines/release:acme:shop:main:nope/abort", """{"reason":"x","by":"y"}""", new Dictionary<string, string> { ["Content-Type"] = "application/json" }));
        Assert.Equal(404, missing.HttpStatus);
    }

    [Fact]
    public async Task Older_hosts_that_send_the_query_as_an_object_are_understood_too()
    {
        var list = await Invoke(HostInvocations.Http("PipelinesApi", "GET", "/api/pipelines?status=sleeping", queryAsObject: true));

        Assert.Equal(400, list.HttpStatus);
        Assert.Contains("status", list.HttpBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_on_the_handler_port_still_needs_the_key_outside_an_invocation()
    {
        var direct = await _http.GetAsync("/api/pipelines");

        Assert.Equal(HttpStatusCode.Unauthorized, direct.StatusCode);
    }

    [Fact]
    public async Task EnvironmentsApi_starts_a_rollback_and_names_a_bad_field()
    {
        var headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" };
        const string Body = """{"repository":"acme/shop","scope":"all","reason":"error rate","by":"oncall@example.com"}""";
        var nothingYet = await Invoke(HostInvocations.Http("EnvironmentsApi", "POST", "/api/environments/production/rollback", Body, headers));
        Assert.Equal(409, nothingYet.HttpStatus);

        // The environment's latest run carries the spec the rollback works from.
        const string Pipeline = "release:acme:shop:main:0123456789abcdef0123456789abcdef01234567";
        var commit = new CommitRef(new RepositoryRef("acme", "shop"), "0123456789abcdef0123456789abcdef01234567", "main");
        var run = new PipelineRun(Pipeline, commit, "spec: text", "production", BranchMode.Approval, ReleaseId.Create(_app.Clock.GetUtcNow(), commit.Sha), _app.Clock.GetUtcNow(), "ada", "fix", false);
        await _app.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", run, new StartOrchestrationOptions(Pipeline + ":production"));

        var bad = await Invoke(HostInvocations.Http("EnvironmentsApi", "POST", "/api/environments/production/rollback", """{"repository":"acme/shop","scope":"everything","reason":"x","by":"y"}""", headers));
        Assert.Equal(400, bad.HttpStatus);
        Assert.Contains("scope", bad.HttpBody, StringComparison.Ordinal);
        Assert.Empty(await _app.InstancesAsync("rollback:"));

        var ok = await Invoke(HostInvocations.Http("EnvironmentsApi", "POST", "/api/environments/production/rollback", Body, headers));
        Assert.Equal(202, ok.HttpStatus);
        var rollback = Assert.Single(await _app.InstancesAsync("rollback:"));
        Assert.Equal("RollbackOrchestrator", rollback.Name);
        var order = rollback.ReadInputAs<RollbackOrder>()!;
        Assert.Equal((RollbackScope.All, "spec: text", "error rate", "oncall@example.com", (string?)null), (order.Scope, order.SpecYaml, order.Reason, order.RequestedBy, order.TargetRelease));
    }

    [Fact]
    public async Task MetricsApi_validates_its_query()
    {
        var result = await Invoke(HostInvocations.Http("MetricsApi", "GET", "/api/metrics/dora?environment=production&days=9999"));

        Assert.Equal(400, result.HttpStatus);
        Assert.Contains("days", result.HttpBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_answers_ok_with_the_mode()
    {
        var result = await Invoke(HostInvocations.Http("Healthz", "GET", "/healthz"));

        Assert.Equal(200, result.HttpStatus);
        Assert.Contains("\"mode\":\"CustomHandler\"", result.HttpBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_renders_html()
    {
        var result = await Invoke(HostInvocations.Http("Dashboard", "GET", "/dashboard", routeParams: new Dictionary<string, string> { ["path"] = "" }));

        Assert.Equal(200, result.HttpStatus);
        Assert.Contains("<h1>Releases</h1>", result.HttpBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_invocation_is_400_naming_the_missing_binding()
    {
        var response = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/MonitorTimer") { Content = new StringContent("""{"Data":{},"Metadata":{}}""", System.Text.Encoding.UTF8, "application/json") });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Data.timer", (await InvocationResult.ReadAsync(response)).Logs.Single(), StringComparison.Ordinal);
        Assert.Empty(await _app.InstancesAsync("monitor:"));
    }

    [Theory]
    [InlineData("MonitorTimer")]
    [InlineData("MonitorOffHoursTimer")]
    public async Task Timer_triggers_start_the_sweep_of_the_occurrence_that_fired(string function)
    {
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 9, 0, 0, 250, TimeSpan.Zero));

        var result = await Invoke(HostInvocations.Timer(function, new DateTimeOffset(2026, 11, 23, 8, 55, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 23, 9, 5, 0, TimeSpan.Zero)));

        Assert.Equal(200, result.Status);
        const string Expected = "monitor:acme:shop:20261123T090000Z";
        Assert.Equal(Expected, result.ReturnValue.GetString());
        Assert.Equal("MonitorSweepOrchestrator", Assert.Single(await _app.InstancesAsync("monitor:")).Name);
    }

    [Fact]
    public async Task Both_monitor_timers_firing_at_one_instant_start_one_sweep()
    {
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 9, 15, 0, 100, TimeSpan.Zero));
        var last = new DateTimeOffset(2026, 11, 23, 9, 10, 0, TimeSpan.Zero);

        await Invoke(HostInvocations.Timer("MonitorTimer", last, last.AddMinutes(10)));
        await Invoke(HostInvocations.Timer("MonitorOffHoursTimer", last, last.AddMinutes(10)));

        Assert.Equal("monitor:acme:shop:20261123T091500Z", Assert.Single(await _app.InstancesAsync("monitor:")).InstanceId);
    }

    [Fact]
    public async Task The_host_readiness_ping_on_the_root_is_answered()
    {
        var response = await _http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
