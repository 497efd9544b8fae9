namespace Soakline.Integrations.Tests.Fixtures;

/// <summary>
/// Finds a program a fixture starts for real. A missing one fails the fixture with the command that installs it
/// (the team rule: never a silent skip; <c>./run test</c> installs these packages when it can).
/// </summary>
public static class RequiredTool
{
    public static string Find(string path, string debianPackage)
    {
        if (File.Exists(path))
        {
            return path;
        }

        var where = Environment.GetEnvironmentVariable("CI") == "true" ? "CI" : "this machine";
        throw new InvalidOperationException(
            $"{Path.GetFileName(path)} not found at {path} on {where}: apt-get install {debianPackage} (./run test installs it when run as root).");
    }
}
