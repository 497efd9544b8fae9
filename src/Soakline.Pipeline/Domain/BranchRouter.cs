using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Domain;

/// <summary>Decides what a push to a branch does: the first matching rule wins; no match means nothing happens.</summary>
internal static class BranchRouter
{
    public static BranchDecision Route(IReadOnlyList<BranchRule> rules, string branch)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentException.ThrowIfNullOrEmpty(branch);
        var name = branch.StartsWith("refs/heads/", StringComparison.Ordinal) ? branch["refs/heads/".Length..] : branch;
        foreach (var rule in rules)
        {
            if (Glob.Parse(rule.Pattern).IsMatch(name))
            {
                return rule.Mode == BranchMode.Ignore
                    ? BranchDecision.Ignore(name, $"branch '{name}' matches '{rule.Pattern}', which is ignored")
                    : new BranchDecision(name, rule, rule.Environment, rule.Mode, $"branch '{name}' matches '{rule.Pattern}': {rule.Mode.ToString().ToLowerInvariant()} to {rule.Environment}");
            }
        }

        return BranchDecision.Ignore(name, $"no branch rule matches '{name}'");
    }
}
