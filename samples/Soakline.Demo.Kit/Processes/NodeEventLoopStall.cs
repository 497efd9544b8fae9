using System.Globalization;

namespace Soakline.Demo.Kit.Processes;

/// <summary>
/// One pause of a node process's event loop, as <see cref="AzuriteServer"/>'s stall log recorded it: for the latency
/// benchmark, which names the Azurite pauses that fell inside a measured burst (a pause holds every storage request the
/// app makes meanwhile, so it shows up in the app's answer times although the app did nothing slow).
/// </summary>
/// <param name="EndedAt">When node's loop ran again.</param>
/// <param name="Length">How much later than due it ran.</param>
public sealed record NodeEventLoopStall(DateTimeOffset EndedAt, TimeSpan Length)
{
    public DateTimeOffset StartedAt => EndedAt - Length;

    /// <summary>Whether any part of the pause lies between <paramref name="from"/> and <paramref name="until"/>.</summary>
    public bool Overlaps(DateTimeOffset from, DateTimeOffset until) => StartedAt < until && EndedAt > from;

    /// <summary>
    /// The stalls in a log written by <see cref="AzuriteServer.StallPreload"/> (one <c>ISO-8601-time milliseconds</c>
    /// line each); none when the file does not exist yet (no stall so far).
    /// </summary>
    public static IReadOnlyList<NodeEventLoopStall> ReadAll(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var stalls = new List<NodeEventLoopStall>();
        foreach (var line in File.ReadLines(path))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 2
                && DateTimeOffset.TryParse(fields[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var endedAt)
                && double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds))
            {
                stalls.Add(new NodeEventLoopStall(endedAt, TimeSpan.FromMilliseconds(milliseconds)));
            }
        }

        return stalls;
    }
}
