using System.Net;
using Soakline.Functions.Tests.Infrastructure;

namespace Soakline.Functions.Tests.Webhooks;

/// <summary>Requests the webhook fuzzer (<see cref="WebhookProperties"/>) found answered wrongly, kept as found.</summary>
public sealed class WebhookFuzzRegressionTests : IAsyncLifetime
{
    private readonly SoaklineAppFactory _app = new SoaklineAppFactory().With("Soakline__GitHub__WebhookMaxBodyBytes", "4096");
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _http = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_signed_push_of_refs_heads_with_no_branch_is_a_400_naming_ref_and_starts_nothing()
    {
        // Was a 500: the empty branch made the pipeline id throw.
        using var response = await _http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push(branch: "")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"ref\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await _app.InstancesAsync());
    }

    [Theory]
    [InlineData("ping", "null")]
    [InlineData("ping", "[]")]
    [InlineData("push", "\"push\"")]
    [InlineData("issues", "1")]
    public async Task A_signed_body_that_is_json_but_not_an_object_is_a_400_naming_the_body(string eventName, string body)
    {
        // Was a 500 for ping: reading its fields threw on a JSON null.
        using var response = await _http.SendAsync(GitHubDeliveries.Request(eventName, body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"body\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" qJ\"61heyWtyPv/f]l{HQ('76-RuR\"Hg=oEgI1G[r:")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\\b")]
    public async Task A_delivery_id_a_storage_key_cannot_hold_is_a_400_naming_the_header(string deliveryId)
    {
        // Was a 500: the delivery ledger failed on the id.
        using var response = await _http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push(), deliveryId));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("X-GitHub-Delivery", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await _app.InstancesAsync());
    }

    [Fact]
    public async Task A_signed_body_with_invalid_utf8_inside_a_json_string_is_a_400_naming_the_body()
    {
        // Was a 500: the JSON parsed, and reading "ref" threw on the invalid bytes.
        var body = System.Text.Encoding.UTF8.GetBytes(GitHubDeliveries.Push()).ToList();
        body.InsertRange(body.IndexOf((byte)'h') + 1, new byte[] { 0xC3, 0x28, 0xFF });
        var bytes = body.ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, Soakline.Functions.Webhooks.GitHubWebhookEndpoint.Route) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(Soakline.Functions.Webhooks.GitHubWebhookEndpoint.EventHeader, "push");
        request.Headers.Add(Soakline.Functions.Webhooks.GitHubWebhookEndpoint.DeliveryHeader, Guid.NewGuid().ToString());
        request.Headers.Add(Soakline.Functions.Webhooks.WebhookSignature.HeaderName, Soakline.Functions.Webhooks.WebhookSignature.Compute(bytes, TestSettings.WebhookSecretBytes));

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("UTF-8", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await _app.InstancesAsync());
    }
}
