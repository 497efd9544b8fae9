namespace Soakline.Pipeline.Tests;

/// <summary>Spec snippets for tests: a minimal valid spec, and a way to find the line an error must point at.</summary>
internal static class SpecText
{
    public const string Approval = """
        approval:
          approvers: [ops@example.com]

        """;

    public const string Components = """
        components:
          api:
            paths: ["api/**"]
            hosts:
              staging: [staging-1]
              production: [prod-1, prod-2, prod-3, prod-4]
            releaseRoot: /srv/api
            health:
              url: http://{host}/health

        """;

    /// <summary>A valid spec (version, approvers, one component) with extra top-level sections appended.</summary>
    public static string Valid(string extra = "") => "version: 1\n" + Approval + Components + extra;

    /// <summary>
    /// The 1-based line of the first line containing <paramref name="marker"/>; a marker starting with '=' must equal
    /// the whole line without indentation.
    /// </summary>
    public static int LineOf(string yaml, string marker)
    {
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var found = marker.StartsWith('=')
                ? lines[i].Trim() == marker[1..]
                : lines[i].Contains(marker, StringComparison.Ordinal);
            if (found)
            {
                return i + 1;
            }
        }

        throw new ArgumentException($"marker '{marker}' is not in the spec text");
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Functions.sln not found above " + AppContext.BaseDirectory);
    }
}
