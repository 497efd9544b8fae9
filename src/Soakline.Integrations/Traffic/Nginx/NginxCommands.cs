using Soakline.Integrations.Deploy.Shell;

namespace Soakline.Integrations.Traffic.Nginx;

/// <summary>The nginx invocations, built through the same command builder as everything else.</summary>
internal static class NginxCommands
{
    public static ShellCommand TestConfiguration(NginxRouterOptions options) => Nginx(options, ShellArgument.Option("-t"));

    public static ShellCommand Reload(NginxRouterOptions options) =>
        Nginx(options, ShellArgument.Option("-s"), ShellArgument.Literal("reload"));

    private static ShellCommand Nginx(NginxRouterOptions options, params ShellArgument[] action)
    {
        ArgumentNullException.ThrowIfNull(options);
        var arguments = new List<ShellArgument>();
        if (options.PrefixDirectory is not null)
        {
            arguments.AddRange([ShellArgument.Option("-p"), RemotePath.Parse(options.PrefixDirectory, nameof(options.PrefixDirectory))]);
        }

        if (options.ConfigFile is not null)
        {
            arguments.AddRange([ShellArgument.Option("-c"), RemotePath.Parse(options.ConfigFile, nameof(options.ConfigFile))]);
        }

        arguments.AddRange(action);
        var binary = RemotePath.Parse(options.NginxBinary, nameof(options.NginxBinary));
        return options.UseSudo
            ? ShellCommand.Run("sudo", [ShellArgument.Option("-n"), binary, .. arguments])
            : ShellCommand.Run(binary, [.. arguments]);
    }
}
