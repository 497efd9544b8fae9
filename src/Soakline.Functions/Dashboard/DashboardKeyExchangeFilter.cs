using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Soakline.Functions.Api;
using Soakline.Functions.Configuration;

namespace Soakline.Functions.Dashboard;

/// <summary>
/// Turns a one-time <c>?key=</c> on a dashboard address into the session cookie and redirects to the same address
/// without it. A wrong key is refused here and sets nothing; requests without <c>key</c> pass on to the
/// <see cref="ApiKeyFilter"/>, which accepts the cookie.
/// </summary>
public sealed class DashboardKeyExchangeFilter(AppSettings settings) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        if (!request.Query.TryGetValue(DashboardSession.QueryName, out var presented))
        {
            return await next(context);
        }

        if (!ApiKeyFilter.Matches(presented.ToString(), settings.ApiKey))
        {
            return Results.Json(new ApiError($"key: the API key in the address is not valid"), statusCode: StatusCodes.Status401Unauthorized);
        }

        DashboardSession.Start(context.HttpContext.Response, presented.ToString());
        var rest = new QueryBuilder(request.Query.Where(q => q.Key != DashboardSession.QueryName).SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? string.Empty))));
        return Results.Redirect(request.PathBase + request.Path + rest.ToQueryString());
    }
}
