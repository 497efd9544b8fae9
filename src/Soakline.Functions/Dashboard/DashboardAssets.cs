using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Soakline.Functions.Dashboard;

/// <summary>The stylesheet and script, embedded in the assembly so the app ships as one executable with no web root.</summary>
internal static class DashboardAssets
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["dashboard.css"] = "text/css; charset=utf-8",
        ["dashboard.js"] = "text/javascript; charset=utf-8",
    };

    private static readonly ConcurrentDictionary<string, byte[]> Cache = new(StringComparer.Ordinal);

    public static IResult Serve(string name)
    {
        if (!ContentTypes.TryGetValue(name, out var contentType))
        {
            return Results.NotFound();
        }

        var bytes = Cache.GetOrAdd(name, Read);
        return Results.Bytes(bytes, contentType);
    }

    private static byte[] Read(string name)
    {
        var resource = $"{typeof(DashboardAssets).Namespace}.Assets.{name}";
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource {resource} is missing from the build");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
