using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Soakline.Functions.Api;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Pipeline.Orchestration;

namespace Soakline.Functions.Tests.Api;

/// <summary>
/// Who a decision is recorded under: the named key, or in Azure the App Service principal; a request that passed only
/// the function-key check may read but not decide, and principal headers mean nothing outside Azure.
/// </summary>
public sealed class IdentityTests
{
    private const string Pipeline = "release:acme:shop:main:0123456789abcdef0123456789abcdef01234567";
    private const string Run = Pipeline + ":production";

    private static SoaklineAppFactory App() => new SoaklineAppFactory()
        .WithOrchestrators(r => r.AddOrchestratorFunc<object?, string>("ProductionOrchestrator", async (context, _) =>
        {
            var decision = await StandInGate.WaitAsync(context, new PipelineStatus("awaiting-approval", "production"));
            return $"{(decision.Approved ? "approved" : "rejected")} by {decision.DecidedBy}";
        }));

    private static SoaklineAppFactory InAzure(SoaklineAppFactory app) =>
        app.AsFunctionsWorker().WithServices(s => s.AddSingleton<IStartupFilter, FunctionInvocations>());

    private static async Task StartAsync(SoaklineAppFactory app)
    {
        await app.Client.ScheduleNewOrchestrationInstanceAsync("ProductionOrchestrator", null, new StartOrchestrationOptions(Run));
        await app.IdleAsync();
    }

    private static async Task<ApprovalState> GateAsync(SoaklineAppFactory app)
    {
        await app.IdleAsync();
        return (await app.Client.GetInstanceAsync(Run, getInputsAndOutputs: true))!.ReadCustomStatusAs<PipelineStatus>()!.Approval!;
    }

    private static HttpRequestMessage Approve(params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/pipelines/{Pipeline}/approve") { Content = JsonContent.Create(new { }) };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return request;
    }

    private static string Principal(string name) => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        auth_typ = "aad",
        claims = new[] { new { typ = "name", val = "Lead" }, new { typ = "preferred_username", val = name } },
        name_typ = "preferred_username",
        role_typ = "roles",
    })));

    [Fact]
    public async Task With_only_the_function_key_reading_works_and_deciding_is_403_saying_what_is_missing()
    {
        await using var app = InAzure(App());
        await StartAsync(app);
        var http = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/pipelines")).StatusCode);
        var response = await http.SendAsync(Approve());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("the function key lets you read, not decide", (await Problems.ReadAsync(response)).Detail!, StringComparison.Ordinal);
        var gate = await GateAsync(app);
        Assert.Equal(ApprovalOutcome.Waiting, gate.Outcome);
        Assert.Null(gate.Receipts);
    }

    [Fact]
    public async Task In_azure_with_app_service_authentication_the_principal_decides_under_its_name()
    {
        await using var app = InAzure(App()).With("WEBSITE_AUTH_ENABLED", "True");
        await StartAsync(app);

        var response = await app.CreateClient().SendAsync(Approve(("X-MS-CLIENT-PRINCIPAL", Principal("cto@example.com")), ("X-MS-CLIENT-PRINCIPAL-NAME", "someone-else@example.com")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var gate = await GateAsync(app);
        Assert.Equal((ApprovalOutcome.Approved, "cto@example.com"), (gate.Outcome, gate.DecidedBy));
    }

    [Fact]
    public async Task In_azure_without_app_service_authentication_the_principal_headers_are_ignored()
    {
        await using var app = InAzure(App());
        await StartAsync(app);

        var response = await app.CreateClient().SendAsync(Approve(("X-MS-CLIENT-PRINCIPAL-NAME", "lead@example.com")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ApprovalOutcome.Waiting, (await GateAsync(app)).Outcome);
    }

    [Fact]
    public async Task Standalone_the_principal_headers_are_not_an_identity()
    {
        await using var app = App().With("WEBSITE_AUTH_ENABLED", "True");
        await StartAsync(app);

        var response = await app.CreateClient().SendAsync(Approve(("X-MS-CLIENT-PRINCIPAL", Principal("lead@example.com")), ("X-MS-CLIENT-PRINCIPAL-NAME", "lead@example.com")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ApprovalOutcome.Waiting, (await GateAsync(app)).Outcome);
    }

    [Fact]
    public async Task In_azure_a_named_key_with_the_function_key_decides_under_the_keys_name_and_a_wrong_key_is_401()
    {
        await using var app = InAzure(App());
        await StartAsync(app);
        var http = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(Approve(("X-Api-Key", "not-a-key-of-this-app")))).StatusCode);
        var response = await http.SendAsync(Approve(("X-Api-Key", TestSettings.ApiKey)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestSettings.ApiKeyName, (await GateAsync(app)).DecidedBy);
    }
}
