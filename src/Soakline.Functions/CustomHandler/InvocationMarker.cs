using Microsoft.AspNetCore.Http;

namespace Soakline.Functions.CustomHandler;

/// <summary>Marks a request the Functions host sent as an invocation, i.e. one that passed the host's key checks.</summary>
public static class InvocationMarker
{
    private static readonly object Key = new();

    public static void Mark(HttpContext context, FunctionDefinition function)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[Key] = function;
    }

    public static bool IsHostInvocation(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.ContainsKey(Key);
    }
}
