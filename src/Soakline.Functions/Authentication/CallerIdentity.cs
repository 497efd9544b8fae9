using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Soakline.Functions.Api;
using Soakline.Functions.Functions;

namespace Soakline.Functions.Authentication;

/// <summary>
/// Who is calling, as <see cref="ApiKeyFilter"/> established it: <c>HttpContext.User.Identity.Name</c> is the key's
/// name, the App Service principal's name, or the name a dashboard session was signed in with. A request that only
/// passed the Functions host's function-key check (<see cref="FunctionInvocationMarker"/>) is let in to read but has
/// no identity, so it cannot decide.
/// </summary>
internal static class CallerIdentity
{
    public const string ApiKeyScheme = "ApiKey";
    public const string AppServiceScheme = "AppService";
    public const string SessionScheme = "DashboardSession";

    public static ClaimsPrincipal Principal(string name, string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], scheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>The authenticated caller's name; null for an anonymous or function-key-only request.</summary>
    public static string? NameOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : null;
    }

    /// <summary>
    /// The decider's name, or the answer for a caller without one: 403 when the request got in with the function key
    /// alone (it proves access, not who you are), 401 otherwise.
    /// </summary>
    public static (string? Name, IResult? Refusal) Decider(HttpContext context)
    {
        if (NameOf(context) is { } name)
        {
            return (name, null);
        }

        return FunctionInvocationMarker.IsFunctionInvocation(context)
            ? (null, ApiProblems.Status(StatusCodes.Status403Forbidden, "a decision needs your identity: the function key lets you read, not decide; sign in with App Service authentication or send a named API key (X-Api-Key)"))
            : (null, ApiProblems.Status(StatusCodes.Status401Unauthorized, "a decision needs your identity: send a named API key (X-Api-Key or Authorization: Bearer)"));
    }
}
