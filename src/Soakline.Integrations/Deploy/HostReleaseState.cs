using Soakline.Integrations.Deploy.Shell;
using Soakline.Pipeline.Domain;

namespace Soakline.Integrations.Deploy;

/// <summary>Which release <c>current</c> points at and which releases a host keeps, oldest first.</summary>
/// <remarks>
/// Release ids start with a UTC timestamp, so ordinal order is age order; "previous" is the newest release older
/// than the current one (not the second entry of <c>ls -t</c>, which a touched directory would reorder).
/// Entries that are not release ids (an operator's backup folder) are ignored: never listed, never deleted.
/// </remarks>
internal sealed record HostReleaseState(ReleaseId? Current, IReadOnlyList<ReleaseId> Available, ReleaseId? Restarted = null)
{
    public ReleaseId? Previous => Current is null
        ? null
        : Available.Where(r => string.CompareOrdinal(r.Value, Current.Value) < 0).OrderBy(r => r.Value, StringComparer.Ordinal).LastOrDefault();

    public bool Has(ReleaseId release) => Available.Contains(release);

    public static async Task<HostReleaseState> ReadAsync(IHostShell shell, ReleaseLayout layout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shell);
        ArgumentNullException.ThrowIfNull(layout);

        // Both parts may fail on a fresh host (no link, no folder yet), which simply means "nothing deployed",
        // so the output is read whatever the exit code.
        var output = (await shell.RunAsync(ReleaseCommands.ReadState(layout), null, cancellationToken)).StandardOutput;
        var separator = output.IndexOf(ReleaseCommands.StateSeparator + "\n", StringComparison.Ordinal);
        if (separator < 0)
        {
            throw new DeployHostException($"reading the releases under {layout.Root} gave unexpected output");
        }

        var rest = output[(separator + ReleaseCommands.StateSeparator.Length + 1)..];

        // Hosts read by an older Soakline have no marker part; the marker itself is missing until a first restart.
        var marker = rest.IndexOf(ReleaseCommands.RestartedSeparator + "\n", StringComparison.Ordinal);
        return marker < 0
            ? Parse(output[..separator], rest)
            : Parse(output[..separator], rest[..marker], rest[(marker + ReleaseCommands.RestartedSeparator.Length + 1)..]);
    }

    public static HostReleaseState Parse(string currentLink, string releaseListing, string restartedMarker = "")
    {
        ArgumentNullException.ThrowIfNull(currentLink);
        ArgumentNullException.ThrowIfNull(releaseListing);
        ArgumentNullException.ThrowIfNull(restartedMarker);
        var target = currentLink.Trim().TrimEnd('/');
        var current = ReleaseId.TryParse(target[(target.LastIndexOf('/') + 1)..], out var id) ? id : null;
        var available = releaseListing.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => ReleaseId.TryParse(name, out var id) ? id : null)
            .OfType<ReleaseId>()
            .OrderBy(r => r.Value, StringComparer.Ordinal)
            .ToList();
        var restarted = ReleaseId.TryParse(restartedMarker.Trim(), out var marked) ? marked : null;
        return new HostReleaseState(current, available, restarted);
    }
}
