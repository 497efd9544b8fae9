using Microsoft.AspNetCore.Http;

namespace Soakline.Functions.Functions;

/// <summary>
/// Marks a request that reached the app as an HTTP-function invocation: the Functions host has already applied the
/// function's authLevel (the function key) before forwarding it. Only <see cref="EndpointDispatcher"/> sets it, and the
/// worker's Kestrel serves only requests the host forwards with a live invocation id.
/// </summary>
internal static class FunctionInvocationMarker
{
    private static readonly object Key = new();

    public static void Mark(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[Key] = true;
    }

    public static bool IsFunctionInvocation(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.ContainsKey(Key);
    }
}
