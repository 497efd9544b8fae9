using Microsoft.Extensions.Configuration;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Policy;
using Soakline.Pipeline.Spec;

namespace Soakline.Functions.Configuration;

/// <summary>
/// Reads the protection policy from settings, adding every problem to the list (each naming its setting) so one restart
/// fixes them all. Lists are comma- or semicolon-separated, like the app's other list settings.
/// </summary>
internal static class ProtectionPolicyReader
{
    private static readonly char[] Separators = [',', ';'];

    public static ProtectionPolicy Read(IConfiguration configuration, Func<string, string?> get, List<string> problems)
    {
        var repositories = ReadRepositories(get, problems);
        var environments = new List<EnvironmentPolicy>();
        foreach (var section in configuration.GetSection(PolicySettingNames.EnvironmentsSection).GetChildren())
        {
            if (ReadEnvironment(section, get, problems) is { } environment)
            {
                environments.Add(environment);
            }
        }

        return new ProtectionPolicy(repositories, environments);
    }

    private static List<RepositoryRef> ReadRepositories(Func<string, string?> get, List<string> problems)
    {
        var value = get(SettingNames.PolicyRepositories);
        if (value is null)
        {
            problems.Add($"{SettingNames.PolicyRepositories} is missing: the repositories Soakline serves (owner/name, comma-separated); pushes from any other repository are ignored.");
            return [];
        }

        var repositories = new List<RepositoryRef>();
        foreach (var name in List(value))
        {
            try
            {
                repositories.Add(RepositoryRef.Parse(name));
            }
            catch (FormatException ex)
            {
                problems.Add($"{SettingNames.PolicyRepositories}: {ex.Message}");
            }
        }

        return repositories;
    }

    private static EnvironmentPolicy? ReadEnvironment(IConfigurationSection section, Func<string, string?> get, List<string> problems)
    {
        var name = section.Key;
        string Setting(string key) => PolicySettingNames.ForEnvironment(name, key);
        string? Value(string key) => get(Setting(key));
        var count = problems.Count;

        foreach (var unknown in section.GetChildren().Select(c => c.Key).Where(k => !PolicySettingNames.EnvironmentKeys.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            problems.Add($"{Setting(unknown)} is not a protection policy setting (known: {string.Join(", ", PolicySettingNames.EnvironmentKeys)}).");
        }

        EnvironmentKind? kind = Value(PolicySettingNames.Kind) switch
        {
            null => Problem<EnvironmentKind?>(problems, $"{Setting(PolicySettingNames.Kind)} is missing: staging or production."),
            var k when string.Equals(k, "staging", StringComparison.OrdinalIgnoreCase) => EnvironmentKind.Staging,
            var k when string.Equals(k, "production", StringComparison.OrdinalIgnoreCase) => EnvironmentKind.Production,
            var k => Problem<EnvironmentKind?>(problems, $"{Setting(PolicySettingNames.Kind)} must be staging or production, was '{k}'."),
        };

        var branches = List(Value(PolicySettingNames.Branches));
        if (branches.Count == 0)
        {
            problems.Add($"{Setting(PolicySettingNames.Branches)} is missing: the branches (globs such as main, release/*) allowed to deploy to {name}.");
        }

        foreach (var pattern in branches)
        {
            if (!Glob.TryParse(pattern, out _, out var error))
            {
                problems.Add($"{Setting(PolicySettingNames.Branches)}: {error}.");
            }
        }

        var requireApproval = kind == EnvironmentKind.Production;
        switch (Value(PolicySettingNames.RequireApproval))
        {
            case null:
                break;
            case var text when bool.TryParse(text, out var parsed):
                if (!parsed && kind == EnvironmentKind.Production)
                {
                    problems.Add($"{Setting(PolicySettingNames.RequireApproval)} cannot be false: {name} is a production environment, and production always needs an approval.");
                }

                requireApproval = parsed || kind == EnvironmentKind.Production;
                break;
            case var text:
                problems.Add($"{Setting(PolicySettingNames.RequireApproval)} must be true or false, was '{text}'.");
                break;
        }

        var approvers = List(Value(PolicySettingNames.Approvers));
        if (requireApproval && approvers.Count == 0)
        {
            problems.Add($"{Setting(PolicySettingNames.Approvers)} is missing: {name} requires approval, so it needs at least one approver (email addresses, comma-separated).");
        }

        var hosts = List(Value(PolicySettingNames.Hosts));
        if (hosts.Count == 0)
        {
            problems.Add($"{Setting(PolicySettingNames.Hosts)} is missing: the deploy hosts of {name}, named as specs name them (comma-separated).");
        }

        var probeHosts = List(Value(PolicySettingNames.ProbeHosts));
        return problems.Count > count || kind is null
            ? null
            : new EnvironmentPolicy(name, kind.Value, branches, requireApproval, approvers, hosts, probeHosts);
    }

    private static List<string> List(string? value) =>
        [.. (value ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    private static T? Problem<T>(List<string> problems, string problem)
    {
        problems.Add(problem);
        return default;
    }
}
