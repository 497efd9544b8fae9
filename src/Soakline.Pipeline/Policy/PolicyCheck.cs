using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Spec;
using Soakline.Pipeline.Spec.Loading;

namespace Soakline.Pipeline.Policy;

/// <summary>
/// Decides what a push may do under the protection policy: the spec's branch rules pick the environment and mode,
/// the policy decides whether that is allowed and on what terms. The spec may narrow what the policy allows (fewer
/// approvers, fewer hosts, approval where the policy does not require it), never widen it. Pure: the orchestrator
/// calls it with the policy it read through an activity, so a replay decides the same.
/// </summary>
public static class PolicyCheck
{
    /// <summary>Every violation at once (a user fixes them in one go), or the terms of the run.</summary>
    /// <param name="locations">Where the spec's fields were written, so violations name a line; none for a spec built in code.</param>
    public static PolicyVerdict Check(PipelineSpec spec, RepositoryRef repository, string branch, ProtectionPolicy policy, SpecLocations? locations = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(policy);
        var found = new Violations(locations ?? SpecLocations.None);
        var decision = BranchRouter.Route(spec.Branches, branch);
        if (RepositoryRefusal(policy, repository) is { } notServed)
        {
            found.Add(PolicyRule.RepositoryServed, "repository", notServed);
            return new PolicyVerdict(decision, null, found.List);
        }

        if (!decision.Deploys)
        {
            return new PolicyVerdict(decision, null, []);
        }

        var ruleField = $"branches[{IndexOf(spec.Branches, decision.Rule!)}]";
        var name = decision.Environment!;
        var environment = policy.FindEnvironment(name);
        if (environment is null)
        {
            var known = policy.Environments.Count == 0 ? "none" : string.Join(", ", policy.Environments.Select(e => e.Name));
            found.Add(PolicyRule.EnvironmentDeclared, $"{ruleField}.environment", $"environment '{name}' is not in the protection policy (its environments: {known})");
            return new PolicyVerdict(decision, null, found.List);
        }

        if (!environment.AllowsBranch(decision.Branch))
        {
            found.Add(PolicyRule.BranchAllowed, $"{ruleField}.pattern", $"branch '{decision.Branch}' may not deploy to {name}: the protection policy allows only {string.Join(", ", environment.Branches.Select(b => $"'{b}'"))}");
        }

        var declared = spec.FindEnvironment(name)!;
        if (environment.Kind == EnvironmentKind.Production && declared.Kind != EnvironmentKind.Production)
        {
            found.Add(PolicyRule.EnvironmentKind, $"environments.{name}.kind", $"{name} is a production environment in the protection policy; the spec may not declare it '{declared.Kind.ToString().ToLowerInvariant()}'");
        }

        var kind = environment.Kind == EnvironmentKind.Production || declared.Kind == EnvironmentKind.Production ? EnvironmentKind.Production : EnvironmentKind.Staging;
        var upgraded = environment.ApprovalRequired && decision.Mode == BranchMode.Automatic;
        var mode = upgraded ? BranchMode.Approval : decision.Mode;
        var approvers = EffectiveApprovers(spec.Approval.Approvers, environment);
        if (mode is BranchMode.Approval or BranchMode.Expedited && approvers.Count == 0)
        {
            var why = spec.Approval.Approvers.Count == 0
                ? $"releases to {name} need approval but the protection policy lists no approvers for it"
                : $"releases to {name} need approval but none of the spec's approvers ({string.Join(", ", spec.Approval.Approvers)}) may approve {name} under the protection policy";
            found.Add(PolicyRule.Approvers, "approval.approvers", why);
        }

        CheckHosts(spec, environment, found);
        CheckHealthUrls(spec, environment, found);
        for (var i = 0; i < spec.Monitoring.Checks.Count; i++)
        {
            var check = spec.Monitoring.Checks[i];
            if (string.Equals(check.Environment, name, StringComparison.Ordinal) && TargetRefusal(check, environment) is { } refusal)
            {
                found.Add(PolicyRule.ProbeTargets, $"monitoring.checks[{i}].{(check.Url is null ? "host" : "url")}", refusal);
            }
        }

        var terms = new RunTerms(name, kind, mode, upgraded, approvers, environment.Hosts);
        return found.List.Count == 0 ? new PolicyVerdict(decision, terms, []) : new PolicyVerdict(decision, null, found.List);
    }

    /// <summary>Null when the policy serves the repository; otherwise the reason it does not.</summary>
    public static string? RepositoryRefusal(ProtectionPolicy policy, RepositoryRef repository)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(repository);
        return policy.Serves(repository)
            ? null
            : $"{repository} is not a repository the protection policy serves";
    }

    /// <summary>
    /// Null when a scheduled monitor check may run: its repository is served, its environment is in the policy and its
    /// URL or host stays inside the environment. Otherwise why not.
    /// </summary>
    public static string? MonitorCheckRefusal(ProtectionPolicy policy, RepositoryRef repository, MonitorCheckSpec check)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (RepositoryRefusal(policy, repository) is { } notServed)
        {
            return notServed;
        }

        var environment = policy.FindEnvironment(check.Environment);
        return environment is null
            ? $"environment '{check.Environment}' is not in the protection policy"
            : TargetRefusal(check, environment);
    }

    private static string? TargetRefusal(MonitorCheckSpec check, EnvironmentPolicy environment) =>
        check.Url is { } url ? ProbeTargets.Refusal(environment, ProbeTargets.HostOf(url))
        : check.Host is { } host ? ProbeTargets.Refusal(environment, host)
        : null;

    private static List<string> EffectiveApprovers(IReadOnlyList<string> requested, EnvironmentPolicy environment) =>
        requested.Count == 0
            ? [.. environment.Approvers]
            : [.. requested.Where(environment.IsApprover).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static void CheckHosts(PipelineSpec spec, EnvironmentPolicy environment, Violations found)
    {
        foreach (var component in spec.Components)
        {
            var hosts = component.HostsIn(environment.Name);
            for (var i = 0; i < hosts.Count; i++)
            {
                if (!environment.HasHost(hosts[i]))
                {
                    found.Add(PolicyRule.Hosts, $"components.{component.Name}.hosts.{environment.Name}[{i}]", $"host '{hosts[i]}' is not one of {environment.Name}'s hosts in the protection policy ({string.Join(", ", environment.Hosts)})");
                }
            }
        }
    }

    /// <summary>A health URL is probed once per host (<c>{host}</c> expanded), after deploys and during soaks.</summary>
    private static void CheckHealthUrls(PipelineSpec spec, EnvironmentPolicy environment, Violations found)
    {
        foreach (var component in spec.Components.Where(c => c.Health is not null))
        {
            var refusals = component.HostsIn(environment.Name)
                .Select(host => Uri.TryCreate(component.Health!.Url.Replace(HealthCheckSpec.HostPlaceholder, host, StringComparison.Ordinal), UriKind.Absolute, out var url)
                    ? ProbeTargets.Refusal(environment, ProbeTargets.HostOf(url))
                    : $"'{component.Health.Url}' with host '{host}' is not a URL")
                .OfType<string>()
                .Distinct(StringComparer.Ordinal);
            foreach (var refusal in refusals)
            {
                found.Add(PolicyRule.ProbeTargets, $"components.{component.Name}.health.url", refusal);
            }
        }
    }

    private static int IndexOf(IReadOnlyList<BranchRule> rules, BranchRule rule)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            if (ReferenceEquals(rules[i], rule) || rules[i] == rule)
            {
                return i;
            }
        }

        return -1;
    }

    private sealed class Violations(SpecLocations locations)
    {
        public List<PolicyViolation> List { get; } = [];

        public void Add(PolicyRule rule, string field, string message) => List.Add(new PolicyViolation(rule, field, locations.LineOf(field), message));
    }
}
