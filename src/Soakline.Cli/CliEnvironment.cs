namespace Soakline.Cli;

/// <summary>
/// What the CLI reads from its surroundings besides arguments: environment variables and the folder of the default
/// config file. Tests pass their own so a developer's real configuration never leaks into them.
/// </summary>
internal sealed record CliEnvironment(Func<string, string?> Variable, string DefaultConfigFile)
{
    public static CliEnvironment FromProcess()
    {
        var configHome = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return new CliEnvironment(Environment.GetEnvironmentVariable, Path.Combine(configHome, "soakline", "config.json"));
    }
}
