using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using Soakline.Functions.Observability;
using Soakline.Functions.Releases;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Functions.Webhooks;

namespace Soakline.Functions.Tests.Webhooks;

/// <summary>Refused deliveries answer problem details that say exactly what to fix, in GitHub's delivery log.</summary>
public sealed class WebhookProblemTests : IAsyncLifetime
{
    private readonly SoaklineAppFactory _app = new SoaklineAppFactory().With("Soakline__GitHub__WebhookMaxBodyBytes", "4096");
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _http = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_delivery_id_over_100_characters_is_400_saying_how_long_it_is_not_that_it_is_missing()
    {
        var response = await _http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push(), new string('d', 101)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("X-GitHub-Delivery: 101 characters, at most 100", await Problems.FieldAsync(response, GitHubWebhookEndpoint.DeliveryHeader));
        Assert.Empty(await _app.InstancesAsync());
    }

    [Fact]
    public async Task A_missing_event_header_is_400_naming_it()
    {
        var request = GitHubDeliveries.Request("push", GitHubDeliveries.Push());
        request.Headers.Remove(GitHubWebhookEndpoint.EventHeader);

        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("X-GitHub-Event: required", await Problems.FieldAsync(response, GitHubWebhookEndpoint.EventHeader));
    }

    [Fact]
    public async Task A_form_encoded_delivery_is_415_telling_to_switch_the_webhook_to_json()
    {
        var body = "payload=" + Uri.EscapeDataString(GitHubDeliveries.Push());
        var request = GitHubDeliveries.Request("push", body);
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");

        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await Problems.ReadAsync(response);
        Assert.Contains("set the webhook's Content type to application/json", problem.Detail, StringComparison.Ordinal);
        Assert.True(problem.Errors.ContainsKey("Content-Type"), "errors names Content-Type");
        Assert.Empty(await _app.InstancesAsync());
    }

    [Fact]
    public async Task A_branch_too_long_for_a_pipeline_id_is_400_naming_the_ref_and_starts_nothing()
    {
        var branch = new string('b', 190);

        var response = await _http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push(branch: branch)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = await Problems.FieldAsync(response, "ref");
        Assert.Contains($"the branch name has 190 characters", detail, StringComparison.Ordinal);
        Assert.Contains($"at most {ReleaseInstanceIds.MaxLength}", detail, StringComparison.Ordinal);
        Assert.Empty(await _app.InstancesAsync());
    }

    [Fact]
    public async Task A_branch_at_the_limit_still_starts_its_pipeline()
    {
        // release:acme:shop:<branch>:<40-char sha> is exactly the longest id accepted.
        var branch = new string('b', ReleaseInstanceIds.MaxLength - "release:acme:shop::".Length - 40);

        var response = await _http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push(branch: branch)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(ReleaseInstanceIds.MaxLength, Assert.Single(await _app.InstancesAsync()).InstanceId.Length);
    }

    [Fact]
    public async Task Unsigned_requests_count_under_a_fixed_event_tag_whatever_their_event_header_says()
    {
        var invented = "invented-" + Guid.NewGuid().ToString("N");
        var events = new ConcurrentBag<(string? Event, string? Outcome)>();
        // Read before the listener starts: Start publishes only the instruments that exist by then, and touching the
        // telemetry class inside the callback first would create the counter too late for this listener.
        var received = SoaklineTelemetry.WebhooksReceived;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument, received))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? eventTag = null, outcome = null;
            foreach (var tag in tags)
            {
                eventTag = tag.Key == "event" ? tag.Value as string : eventTag;
                outcome = tag.Key == "outcome" ? tag.Value as string : outcome;
            }

            events.Add((eventTag, outcome));
        });
        listener.Start();
        var unsigned = GitHubDeliveries.Request(invented, "{}", signature: "sha256=" + new string('0', 64));
        var signed = GitHubDeliveries.Request(invented, "{\"zen\":\"x\"}");

        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.SendAsync(unsigned)).StatusCode);
        Assert.DoesNotContain(events, e => e.Event == invented);
        Assert.Contains(events, e => e == (GitHubWebhookEndpoint.Unverified, "bad-signature"));

        await _http.SendAsync(signed);
        Assert.Contains(events, e => e.Event == invented);
    }

    [Fact]
    public async Task A_rejected_unsigned_request_is_a_problem_too()
    {
        var request = GitHubDeliveries.Request("push", GitHubDeliveries.Push(), signature: "sha256=" + new string('0', 64));

        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(WebhookSignature.HeaderName, (await Problems.ReadAsync(response)).Detail, StringComparison.Ordinal);
    }
}
