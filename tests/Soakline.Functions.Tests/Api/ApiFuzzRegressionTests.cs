using System.Net;
using System.Net.Http.Json;
using Soakline.Functions.Tests.Infrastructure;

namespace Soakline.Functions.Tests.Api;

/// <summary>API requests the input fuzzer (<see cref="ApiInputProperties"/>) found answered with a 5xx, kept as found.</summary>
public sealed class ApiFuzzRegressionTests : IAsyncLifetime
{
    private readonly SoaklineAppFactory _app = new SoaklineAppFactory().With("Soakline__GitHub__WebhookMaxBodyBytes", "4096");
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _http = _app.CreateClient();
        _http.DefaultRequestHeaders.Add("X-Api-Key", TestSettings.ApiKey);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("m\"g:[?\"v]2o-?phz:3v-kd:<aj[!>+q+::<h2d96r'47d9'}97%@9] {b>8")]
    [InlineData("a?b")]
    [InlineData("a#b")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a b")]
    public async Task A_pipeline_id_no_pipeline_can_have_is_not_found(string id)
    {
        using var response = await _http.GetAsync("/api/pipelines/" + Uri.EscapeDataString(id));

        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{string.Join("\n", _app.Logs.Lines.TakeLast(3))}");
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("reject")]
    [InlineData("abort")]
    public async Task A_decision_on_a_pipeline_id_no_pipeline_can_have_is_not_found(string action)
    {
        using var response = await _http.PostAsync($"/api/pipelines/{Uri.EscapeDataString("release:a?b")}/{action}", JsonContent.Create(new { reason = "fuzz", comment = "fuzz" }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("6}2/ki6 5]vi881>g='i2'.=]-s8n+9j12+ 26:b#98?52\\xl =&g.s34t-v'&>v%", "")]
    public async Task A_list_filter_no_pipeline_id_can_match_is_a_400_naming_the_filter(string repository, string? branch)
    {
        // Was a 500: the empty branch made the id prefix throw.
        var query = "/api/pipelines?repository=" + Uri.EscapeDataString(repository) + (branch is null ? "" : "&branch=" + Uri.EscapeDataString(branch));
        using var response = await _http.GetAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("branch", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
