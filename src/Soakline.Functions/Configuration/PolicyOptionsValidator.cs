using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Policy;
using Soakline.Pipeline.Spec;

namespace Soakline.Functions.Configuration;

/// <summary>
/// The protection policy: every problem of every environment named at once, each by its setting. Lists are comma- or
/// semicolon-separated, like the app's other list settings.
/// </summary>
internal sealed class PolicyOptionsValidator : ProblemListValidator<PolicyOptions>
{
    private static readonly char[] Separators = [',', ';'];

    protected override void AddProblems(PolicyOptions options, List<string> problems) => Read(options, problems);

    /// <summary>The policy, leaving out the environments with problems (each added to the list).</summary>
    public static ProtectionPolicy Read(PolicyOptions options, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
        var repositories = ReadRepositories(options.Repositories, problems);
        var environments = new List<EnvironmentPolicy>();
        foreach (var (name, environment) in options.Environments)
        {
            if (ReadEnvironment(name, environment, problems) is { } policy)
            {
                environments.Add(policy);
            }
        }

        return new ProtectionPolicy(repositories, environments);
    }

    private static List<RepositoryRef> ReadRepositories(string? written, List<string> problems)
    {
        // Not SettingValue.Required: an unresolved reference here is reported as missing, and warned about as well.
        if (SettingValue.Of(written) is not { } value)
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

    private static EnvironmentPolicy? ReadEnvironment(string name, EnvironmentPolicyOptions options, List<string> problems)
    {
        string Setting(string key) => PolicySettingNames.ForEnvironment(name, key);
        var count = problems.Count;

        foreach (var unknown in options.UnknownKeys)
        {
            problems.Add($"{Setting(unknown)} is not a protection policy setting (known: {string.Join(", ", PolicySettingNames.EnvironmentKeys)}).");
        }

        EnvironmentKind? kind = SettingValue.Of(options.Kind) switch
        {
            null => Problem<EnvironmentKind?>(problems, $"{Setting(PolicySettingNames.Kind)} is missing: staging or production."),
            var k when string.Equals(k, "staging", StringComparison.OrdinalIgnoreCase) => EnvironmentKind.Staging,
            var k when string.Equals(k, "production", StringComparison.OrdinalIgnoreCase) => EnvironmentKind.Production,
            var k => Problem<EnvironmentKind?>(problems, $"{Setting(PolicySettingNames.Kind)} must be staging or production, was '{k}'."),
        };

        var branches = List(options.Branches);
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
        switch (SettingValue.Of(options.RequireApproval))
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

        var approvers = List(options.Approvers);
        if (requireApproval && approvers.Count == 0)
        {
            problems.Add($"{Setting(PolicySettingNames.Approvers)} is missing: {name} requires approval, so it needs at least one approver (email addresses, comma-separated).");
        }

        var hosts = List(options.Hosts);
        if (hosts.Count == 0)
        {
            problems.Add($"{Setting(PolicySettingNames.Hosts)} is missing: the deploy hosts of {name}, named as specs name them (comma-separated).");
        }

        var probeHosts = List(options.ProbeHosts);
        return problems.Count > count || kind is null
            ? null
            : new EnvironmentPolicy(name, kind.Value, branches, requireApproval, approvers, hosts, probeHosts);
    }

    private static List<string> List(string? written) =>
        [.. (SettingValue.Of(written) ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    private static T? Problem<T>(List<string> problems, string problem)
    {
        problems.Add(problem);
        return default;
    }
}
