using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Dashboard;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Functions.Webhooks;
using Soakline.Integrations.Approvals;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Tests.Observability;

/// <summary>
/// The approval flow, the API, the dashboard and webhook deliveries against the app standalone on its own engine over
/// Azurite, with console telemetry and console logs on: nothing secret reaches what an operator or Application Insights
/// would read. Everything is captured in process: the console (exporter and logger), the spans, metric points and log
/// records the OpenTelemetry pipeline exports, and every log line with its scopes. The collection runs alone, so the
/// console holds only this test's output.
/// </summary>
[Collection(Name)]
public sealed class SecretScanTests(SecretScanTests.AzuriteAlone azurite) : IDisposable
{
    public const string Name = "telemetry-scan";

    /// <summary>Under Azure Functions the host checks it; standalone the app ignores it, but it is in the address all the same.</summary>
    private const string FunctionKey = "fnkey-TEST-3c5e7a9b1d2f4e6a8c0b";

    /// <summary>The secret part of a chat incoming-webhook URL (Slack and Discord put it in the path).</summary>
    private const string ChatWebhookSecret = "chatsecret-TEST-9d8c7b6a5f4e3d2c";

    private const string InstanceId = "release:acme:shop:main:0123456789abcdef0123456789abcdef01234567:production";
    private const string Approver = "lead@example.com";
    private const string WaitingOrchestrator = "ScanWaitsForApproval";

    private readonly GitHubContentsServer _github = new();
    private readonly StringWriter _console = new();
    private readonly TextWriter _originalConsole = Console.Out;

    public void Dispose()
    {
        Console.SetOut(_originalConsole);
        _github.Dispose();
    }

    [Fact]
    public async Task No_token_key_or_secret_reaches_logs_or_telemetry_and_the_route_templates_do()
    {
        Console.SetOut(TextWriter.Synchronized(_console));
        var telemetry = new TelemetryCapture();
        var app = _github.Configure(new SoaklineAppFactory())
            .OnStandaloneEngine()
            .With("Soakline__TaskHub", AzuriteFixture.NewTaskHub())
            .With("Soakline__Storage__ConnectionString", azurite.ConnectionString)
            .With("Soakline__Telemetry__Console", "true")
            .WithServices(services =>
            {
                telemetry.AddTo(services);
                services.AddLogging(logging => logging.AddSimpleConsole(o => o.IncludeScopes = true));
                services.Configure<DurableTaskRegistry>(r => r.AddOrchestratorFunc<object?, ApprovalDecision>(WaitingOrchestrator, (context, _) =>
                    StandInGate.WaitAsync(context, new PipelineStatus("awaiting-approval", "production", "20261123-074000-0123456"))));
            });

        var signer = new ApprovalTokenSigner(new ApprovalTokenSettings { SigningKey = TestSettings.SigningKey });
        var nonce = ApprovalTokenSigner.NewNonce();
        var expires = DateTimeOffset.UtcNow.AddHours(4);
        var approve = signer.Sign(new ApprovalTokenClaims(InstanceId, ApprovalChoice.Approve, Approver, expires, nonce));
        var reject = signer.Sign(new ApprovalTokenClaims(InstanceId, ApprovalChoice.Reject, Approver, expires, nonce));
        var pushBody = GitHubDeliveries.Push(branch: "feature/scan");
        var push = GitHubDeliveries.Request("push", pushBody);
        var webhookSignature = push.Headers.GetValues(WebhookSignature.HeaderName).Single();

        var session = string.Empty;
        await using (app)
        {
            var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            var input = new { commit = new { repository = new { owner = "acme", name = "shop" }, sha = GitHubDeliveries.Sha }, author = "ada", message = "Fix the basket total" };
            await app.Client.ScheduleNewOrchestrationInstanceAsync(WaitingOrchestrator, input, new StartOrchestrationOptions(InstanceId));
            await app.Client.WaitForInstanceStartAsync(InstanceId, Timeout());

            // The approval link: shown (also with a function key), decided, its twin refused, and a path no route matches.
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/approvals/{approve}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/approvals/{approve}?code={FunctionKey}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync($"/approvals/{approve}", new FormUrlEncodedContent([KeyValuePair.Create("comment", "ship it")]))).StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsync($"/approvals/{reject}?code={FunctionKey}", new FormUrlEncodedContent([]))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/approvals/{approve}/{TestSettings.ApiKey}")).StatusCode);
            var decided = await app.Client.WaitForInstanceCompletionAsync(InstanceId, getInputsAndOutputs: true, Timeout());
            Assert.True(decided.ReadOutputAs<ApprovalDecision>()!.Approved);

            // A signed push runs the real pipeline (GitHub token on the way out); a delivery under the wrong secret is refused.
            var started = await (await http.SendAsync(push)).Content.ReadFromJsonAsync<WebhookReply>();
            Assert.Equal("accepted", started!.Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(GitHubDeliveries.Request("push", pushBody, signature: "sha256=" + new string('0', 64)))).StatusCode);
            await app.PushesStartedAsync();
            await app.Client.WaitForInstanceCompletionAsync(started.InstanceId!, Timeout());

            // The API with the key in each place it is accepted, and with a function key in the address.
            Assert.Equal(HttpStatusCode.OK, (await Send(http, HttpMethod.Get, "/api/pipelines", r => r.Headers.Add("X-Api-Key", TestSettings.ApiKey))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Send(http, HttpMethod.Get, $"/api/pipelines/{Uri.EscapeDataString(started.InstanceId!)}?code={FunctionKey}", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestSettings.ApiKey))).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"/api/pipelines?code={FunctionKey}")).StatusCode);
            await Send(http, HttpMethod.Post, $"/api/pipelines/{Uri.EscapeDataString(InstanceId)}/approve?code={FunctionKey}", r =>
            {
                r.Headers.Add("X-Api-Key", TestSettings.ApiKey);
                r.Content = JsonContent.Create(new { comment = "late" });
            });

            // The dashboard: the sign-in form takes the key, then the session cookie opens a page, with a function key.
            var signIn = await http.PostAsync(DashboardSignIn.SignInRoute, new FormUrlEncodedContent([KeyValuePair.Create(DashboardSignIn.KeyField, TestSettings.ApiKey)]));
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            session = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(DashboardSession.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];
            Assert.Equal(HttpStatusCode.OK, (await Send(http, HttpMethod.Get, $"/dashboard?code={FunctionKey}", r => r.Headers.Add("Cookie", session))).StatusCode);

            // An outbound call to a chat webhook, through the client the chat adapter uses.
            var chat = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient("WebhookPoster");
            using (var posted = await chat.PostAsync(new Uri(new Uri(_github.BaseUrl), $"services/T0001/B0001/{ChatWebhookSecret}"), new StringContent("{}")))
            {
                Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
            }

            TelemetryCapture.Flush(app.Services);
        }

        Console.SetOut(_originalConsole);
        var outputs = new Dictionary<string, string>
        {
            ["console"] = _console.ToString(),
            ["log lines"] = app.Logs.All,
            ["exported spans"] = telemetry.Spans,
            ["exported metrics"] = telemetry.Metrics,
            ["exported logs"] = telemetry.Logs,
        };
        var secrets = new Dictionary<string, string>
        {
            ["approve link token"] = approve,
            ["approve link signature"] = approve.Split('.')[^1],
            ["reject link token"] = reject,
            ["reject link signature"] = reject.Split('.')[^1],
            ["API key"] = TestSettings.ApiKey,
            ["API key, URL-encoded"] = Uri.EscapeDataString(TestSettings.ApiKey),
            ["approval signing key"] = TestSettings.SigningKey,
            ["webhook secret"] = TestSettings.WebhookSecret,
            ["webhook signature"] = webhookSignature,
            ["function key"] = FunctionKey,
            ["GitHub token"] = GitHubContentsServer.Token,
            ["chat webhook URL"] = ChatWebhookSecret,
            ["dashboard session"] = session.Split('=', 2)[1],
        };
        foreach (var (output, text) in outputs)
        {
            foreach (var (secret, value) in secrets)
            {
                if (text.Contains(value, StringComparison.Ordinal))
                {
                    Assert.Fail($"the {secret} appears in the {output}:\n{Around(text, value)}");
                }
            }
        }

        // The scan looked at real output: each place names the approval route by its template.
        Assert.Contains("POST /approvals/{token}", outputs["console"], StringComparison.Ordinal);
        Assert.Contains("RequestRoute=/approvals/{token}", outputs["log lines"], StringComparison.Ordinal);
        Assert.Contains("'POST /approvals/{token}'", outputs["exported spans"], StringComparison.Ordinal);
        Assert.Contains("url.path=/approvals/{token}", outputs["exported spans"], StringComparison.Ordinal);
        Assert.Contains("url.path=/*/*/*", outputs["exported spans"], StringComparison.Ordinal);
        Assert.Contains("http.route=/approvals/{token}", outputs["exported metrics"], StringComparison.Ordinal);
        Assert.Contains("RequestRoute=/approvals/{token}", outputs["exported logs"], StringComparison.Ordinal);
        Assert.Contains("through an approval link", outputs["exported logs"], StringComparison.Ordinal);
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    private static async Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, Action<HttpRequestMessage> configure)
    {
        using var request = new HttpRequestMessage(method, path);
        configure(request);
        return await http.SendAsync(request);
    }

    private static string Around(string text, string value)
    {
        var at = text.IndexOf(value, StringComparison.Ordinal);
        var start = Math.Max(0, at - 300);
        return text[start..Math.Min(text.Length, at + value.Length + 300)];
    }

    /// <summary>Azurite for this collection only; the collection runs after the parallel ones, with nothing beside it.</summary>
    public sealed class AzuriteAlone : IAsyncLifetime
    {
        private readonly AzuriteFixture _azurite = new();

        public string ConnectionString => _azurite.ConnectionString;

        public Task InitializeAsync() => _azurite.InitializeAsync();

        public Task DisposeAsync() => _azurite.DisposeAsync();
    }
}

[CollectionDefinition(SecretScanTests.Name, DisableParallelization = true)]
public sealed class SecretScanCollection : ICollectionFixture<SecretScanTests.AzuriteAlone>
{
}
