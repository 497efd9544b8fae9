namespace Soakline.SampleApp;

/// <summary>What the running release is: shown on the page and in every answer, so a switch is visible over HTTP.</summary>
public sealed record ReleaseInfo(string ReleaseId, string Version, string Commit)
{
    /// <summary>The file the deploy target writes into each release: the full commit SHA and a newline.</summary>
    public const string RevisionFile = "REVISION";

    /// <summary>A file in the repository (so in each release) naming the app's version, for example "1.4.0".</summary>
    public const string VersionFile = "VERSION";

    /// <summary>
    /// The release id comes from the environment (the restart hook gets <c>SOAKLINE_RELEASE</c>) or else from the
    /// release folder's name, which is the release id in the deploy target's layout.
    /// </summary>
    public static ReleaseInfo Read(string contentRoot, SampleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var folder = new DirectoryInfo(contentRoot);
        var commit = ReadFirstLine(Path.Combine(folder.FullName, RevisionFile)) ?? "unknown";
        var version = settings.Version ?? ReadFirstLine(Path.Combine(folder.FullName, VersionFile)) ?? "dev";
        return new ReleaseInfo(settings.ReleaseId ?? folder.Name, version, commit);
    }

    private static string? ReadFirstLine(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var line = File.ReadLines(path).FirstOrDefault()?.Trim();
        return string.IsNullOrEmpty(line) ? null : line;
    }
}
