using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Soakline.Functions.Api;
using Soakline.Functions.Tests.Infrastructure;

namespace Soakline.Functions.Tests.Api;

/// <summary>
/// Every API error is RFC 9457 problem details naming the field, including input the framework itself could not bind
/// (which used to answer an empty 400) and failures nobody anticipated (which must not show a stack trace).
/// </summary>
public sealed class ProblemDetailsTests : IAsyncLifetime
{
    private const string Secret = "secret-in-the-exception-7f3a";
    private readonly SoaklineAppFactory _app = new SoaklineAppFactory().WithServices(s => s.Replace(ServiceDescriptor.Singleton<IDoraReport>(new FailingDoraReport())));
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _http = _app.CreateClient();
        _http.DefaultRequestHeaders.Add("X-Api-Key", TestSettings.ApiKey);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/api/pipelines?limit=abc", "limit", "limit: 'abc' is not a whole number")]
    [InlineData("/api/metrics/dora?days=week", "days", "days: 'week' is not a whole number")]
    public async Task A_query_parameter_that_does_not_bind_is_400_naming_it(string url, string field, string detail)
    {
        var response = await _http.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(detail, await Problems.FieldAsync(response, field));
    }

    [Theory]
    [InlineData("approve", "{\"comment\": ", "body")]
    [InlineData("reject", "not json", "body")]
    [InlineData("approve", "{\"comment\": 5}", "comment")]
    [InlineData("abort", "{\"reason\": [\"r\"]}", "reason")]
    public async Task A_decision_body_that_is_not_the_expected_json_is_400_naming_the_body_or_field(string action, string body, string field)
    {
        var response = await _http.PostAsync($"/api/pipelines/release:acme:shop:main:abc/{action}", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = await Problems.FieldAsync(response, field);
        Assert.Contains("line 1", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rollback_body_of_the_wrong_type_is_400_naming_the_field()
    {
        var response = await _http.PostAsync("/api/environments/production/rollback", new StringContent("{\"repository\": {\"owner\": \"acme\"}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Problems.FieldAsync(response, "repository");
    }

    [Fact]
    public async Task An_endpoint_failure_is_a_500_problem_with_a_trace_id_and_no_exception_text()
    {
        var response = await _http.GetAsync("/api/metrics/dora");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Secret, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(FailingDoraReport), raw, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", raw, StringComparison.Ordinal);
        var problem = await Problems.ReadAsync(response);
        Assert.Contains("traceId", problem.Detail, StringComparison.Ordinal);
        Assert.True(problem.Extensions.ContainsKey("traceId"), "the trace id to look up in the log");
    }

    [Fact]
    public async Task Errors_the_endpoints_decide_are_problems_with_the_sentence_as_detail()
    {
        var missing = await _http.GetAsync("/api/pipelines/release:acme:shop:main:nope");
        using var anonymous = _app.CreateClient();
        var unauthenticated = await anonymous.GetAsync("/api/pipelines");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("pipeline 'release:acme:shop:main:nope' does not exist", (await Problems.ReadAsync(missing)).Detail);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.StartsWith("an API key is required", (await Problems.ReadAsync(unauthenticated)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_under_the_api_that_nothing_maps_is_a_404_problem()
    {
        var response = await _http.GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await Problems.ReadAsync(response);
    }

    private sealed class FailingDoraReport : IDoraReport
    {
        public Task<DoraReport> GetAsync(string environment, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"connection string AccountKey={Secret} refused");
    }
}
