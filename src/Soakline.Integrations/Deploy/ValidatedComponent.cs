using System.Text.RegularExpressions;
using Soakline.Integrations.Deploy.Shell;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Deploy;

/// <summary>
/// A <see cref="ComponentTarget"/> whose every field has been checked before any host is touched: a bad value fails
/// the whole request with an error naming the field, and nothing changes anywhere.
/// </summary>
internal sealed partial record ValidatedComponent(
    string Component,
    RemotePath ReleaseRoot,
    IReadOnlyList<SharedPath> SharedPaths,
    ShellScript? DeployCommand,
    ShellScript? RestartCommand,
    IReadOnlyDictionary<string, string> Environment,
    int KeepReleases)
{
    /// <summary>Variables Soakline sets itself; a spec may not override them.</summary>
    public const string ReservedPrefix = "SOAKLINE_";

    public static ValidatedComponent From(ComponentTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!ComponentPattern().IsMatch(target.Component ?? ""))
        {
            throw new ArgumentException(
                $"Component: '{target.Component}' is not a valid component name (letters, digits, '.', '_' and '-', up to 64).",
                nameof(target));
        }

        var shared = (target.SharedPaths ?? []).Select((p, i) => SharedPath.Parse(p, $"SharedPaths[{i}]")).ToList();
        var environment = target.Environment ?? new Dictionary<string, string>();
        var check = new HookEnvironment();
        foreach (var (name, value) in environment)
        {
            check.Set(name, value, nameof(ComponentTarget.Environment));
            if (name.StartsWith(ReservedPrefix, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Environment: '{name}' is reserved (Soakline sets {ReservedPrefix}* itself).", nameof(target));
            }
        }

        if (target.KeepReleases < 1)
        {
            throw new ArgumentException($"KeepReleases: {target.KeepReleases} must be at least 1 (the current release is always kept).", nameof(target));
        }

        return new ValidatedComponent(
            target.Component!,
            RemotePath.Parse(target.ReleaseRoot, nameof(ComponentTarget.ReleaseRoot)),
            shared,
            target.DeployCommand is null ? null : ShellScript.FromSpec(target.DeployCommand, nameof(ComponentTarget.DeployCommand)),
            target.RestartCommand is null ? null : ShellScript.FromSpec(target.RestartCommand, nameof(ComponentTarget.RestartCommand)),
            environment,
            target.KeepReleases);
    }

    /// <summary>Environment values are treated as secrets wherever host output is logged or reported.</summary>
    public SecretRedactor Redactor => new(Environment.Values);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ComponentPattern();
}
