using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Soakline.Functions.Configuration;
using Soakline.Functions.Functions;

namespace Soakline.Functions.Api;

/// <summary>
/// Guards the API. Standalone, a request must carry the configured key as <c>X-Api-Key</c> or
/// <c>Authorization: Bearer</c>. A request that reached the app as an HTTP-function invocation has passed the Functions
/// host's function key check (authLevel "function") and is let through (<see cref="FunctionInvocationMarker"/>).
/// The dashboard's browser session carries the key in an HttpOnly, SameSite=Strict cookie
/// (<see cref="Dashboard.DashboardSession"/>); a request that changes something with only that cookie must also send
/// <see cref="Dashboard.DashboardSession.RequestHeader"/>, which no other site can add without a CORS preflight we never grant.
/// </summary>
public sealed class ApiKeyFilter(AppSettings settings) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (FunctionInvocationMarker.IsFunctionInvocation(http) || Matches(Presented(http.Request), settings.ApiKey))
        {
            return await next(context);
        }

        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Json(new ApiError($"an API key is required: send it as {HeaderName} or Authorization: Bearer"), statusCode: StatusCodes.Status401Unauthorized);
    }

    private static string? Presented(HttpRequest request)
    {
        var header = request.Headers[HeaderName].ToString();
        if (header.Length > 0)
        {
            return header;
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        return Dashboard.DashboardSession.CookieKey(request);
    }

    internal static bool Matches(string? presented, string? expected)
    {
        if (string.IsNullOrEmpty(presented) || string.IsNullOrEmpty(expected))
        {
            return false;
        }

        // Hash both so the constant-time compare sees equal lengths and leaks nothing about the key's length.
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }
}
