using Soakline.Pipeline.Ports;
using static Soakline.Integrations.Tests.GitHub.GitHubFakeApi;

namespace Soakline.Integrations.Tests.GitHub;

public sealed class GitHubRateLimitTests : IDisposable
{
    private const string StatusPath = $"/repos/acme/shop/statuses/{Sha}";
    private static readonly CommitStatusUpdate Gate = new("soakline/gate", CommitStatusState.Pending, "waiting");
    private readonly GitHubFakeApi _api = new(s => s.MaxRetries = 2);

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Too_many_requests_is_retried_after_the_stated_Retry_After()
    {
        _api.Map("POST", StatusPath, 429, """{"message":"Too many requests"}""", new Dictionary<string, string> { ["Retry-After"] = "7" }, "limit", null, "cleared");
        _api.Map("POST", StatusPath, 201, """{"id":1}""", scenario: "limit", whenState: "cleared");

        await _api.SourceControl().SetCommitStatusAsync(Commit, Gate, CancellationToken.None);

        Assert.Equal(2, _api.Http.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(7)], _api.Clock.Delays);
    }

    [Fact]
    public async Task Secondary_rate_limit_403_waits_for_Retry_After()
    {
        _api.Map("POST", StatusPath, 403, """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}""",
            new Dictionary<string, string> { ["Retry-After"] = "3" }, "limit", null, "cleared");
        _api.Map("POST", StatusPath, 201, """{"id":1}""", scenario: "limit", whenState: "cleared");

        await _api.SourceControl().SetCommitStatusAsync(Commit, Gate, CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(3)], _api.Clock.Delays);
    }

    [Fact]
    public async Task Exhausted_primary_limit_waits_until_the_reset()
    {
        var reset = _api.Clock.GetUtcNow().AddSeconds(20).ToUnixTimeSeconds();
        _api.Map("POST", StatusPath, 403, """{"message":"API rate limit exceeded for installation ID 1."}""",
            new Dictionary<string, string> { ["X-RateLimit-Limit"] = "5000", ["X-RateLimit-Remaining"] = "0", ["X-RateLimit-Reset"] = reset.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            "limit", null, "cleared");
        _api.Map("POST", StatusPath, 201, """{"id":1}""", scenario: "limit", whenState: "cleared");

        await _api.SourceControl().SetCommitStatusAsync(Commit, Gate, CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(21)], _api.Clock.Delays);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_then_reported()
    {
        _api.Map("POST", StatusPath, 502, """{"message":"Server Error"}""");

        var error = await Assert.ThrowsAsync<SourceControlException>(() => _api.SourceControl().SetCommitStatusAsync(Commit, Gate, CancellationToken.None));

        Assert.Equal(3, _api.Http.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], _api.Clock.Delays);
        Assert.Contains("server error 502", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retries_are_bounded_in_number()
    {
        _api.Map("POST", StatusPath, 429, """{"message":"Too many requests"}""", new Dictionary<string, string> { ["Retry-After"] = "1" });

        var error = await Assert.ThrowsAsync<SourceControlException>(() => _api.SourceControl().SetCommitStatusAsync(Commit, Gate, CancellationToken.None));

        Assert.Equal(3, _api.Http.Requests.Count);
        Assert.Contains("rate limit", error.Message, StringComparison.Ordinal);
        Assert.Contains("3 attempt(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wait_longer_than_the_limit_fails_at_once_instead_of_stalling()
    {
        _api.Map("POST", StatusPath, 429, """{"message":"Too many requests"}""", new Dictionary<string, string> { ["Retry-After"] = "3600" });

        var error = await Assert.ThrowsAsync<SourceControlException>(() => _api.SourceControl().SetCommitStatusAsync(Commit, Gate, CancellationToken.None));

        Assert.Single(_api.Http.Requests);
        Assert.Empty(_api.Clock.Delays);
        Assert.Contains("1:00:00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secondary_rate_limit_without_headers_waits_a_minute_then_twice_as_long()
    {
        // GitHub's docs: with neither Retry-After nor x-ratelimit-remaining: 0, wait at least a minute, and longer
        // (exponentially) while the secondary limit persists.
        _api.Map("POST", StatusPath, 403, """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}""",
            scenario: "limit", nextState: "still");
        _api.Map("POST", StatusPath, 403, """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}""",
            scenario: "limit", whenState: "still", nextState: "cleared");
        _api.Map("POST", StatusPath, 201, """{"id":1}""", scenario: "limit", whenState: "cleared");

        await _api.SourceControl().SetCommitStatusAsync(Commit, Gate, CancellationToken.None);

        Assert.Equal(3, _api.Http.Requests.Count);
        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)], _api.Clock.Delays);
    }

    [Fact]
    public async Task No_retries_configured_means_one_attempt()
    {
        using var api = new GitHubFakeApi(s => s.MaxRetries = 0);
        api.Map("POST", StatusPath, 502, """{"message":"Server Error"}""");

        var error = await Assert.ThrowsAsync<SourceControlException>(() => api.SourceControl().SetCommitStatusAsync(Commit, Gate, CancellationToken.None));

        Assert.Single(api.Http.Requests);
        Assert.Empty(api.Clock.Delays);
        Assert.Contains("1 attempt(s)", error.Message, StringComparison.Ordinal);
    }
}
