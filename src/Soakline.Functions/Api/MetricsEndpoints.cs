using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Soakline.Functions.Api;

/// <summary><c>GET /api/metrics/dora?environment=production&amp;days=30</c>: deployment frequency, lead time, change failure rate, time to restore.</summary>
internal static class MetricsEndpoints
{
    public const int DefaultDays = 30;
    public const int MaxDays = 366;

    public static RouteGroupBuilder MapMetricsEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/metrics/dora", DoraAsync);
        return api;
    }

    private static async Task<IResult> DoraAsync(string? environment, int? days, IDoraReport report, TimeProvider clock, CancellationToken ct)
    {
        var env = string.IsNullOrWhiteSpace(environment) ? "production" : environment.Trim();
        if (!env.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return ApiProblems.Invalid("environment", $"'{environment}' is not an environment name (letters, digits, '-' and '_')");
        }

        var window = days ?? DefaultDays;
        if (window is < 1 or > MaxDays)
        {
            return ApiProblems.Invalid("days", $"must be 1 to {MaxDays}, was {window}");
        }

        var to = clock.GetUtcNow();
        return Results.Ok(await report.GetAsync(env, to.AddDays(-window), to, ct));
    }
}
