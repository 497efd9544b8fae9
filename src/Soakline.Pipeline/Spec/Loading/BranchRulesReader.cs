using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Spec.Loading;

/// <summary>Reads <c>branches:</c>, a list of rules; when given it replaces the default rules entirely.</summary>
internal static class BranchRulesReader
{
    public static IReadOnlyList<BranchRule> Read(MappingReader root)
    {
        var items = root.Sequence("branches");
        if (items is null)
        {
            return SpecDefaults.Branches;
        }

        var rules = new List<BranchRule>();
        foreach (var (node, path) in items)
        {
            var rule = MappingReader.Open(node, path, root.Context);
            if (rule is null)
            {
                continue;
            }

            var pattern = rule.String("pattern", required: true);
            var mode = rule.Enum("mode", SpecNames.BranchModes, required: true);
            var environment = rule.String("environment");
            rule.RejectUnknownKeys();

            if (pattern is not null && !Glob.TryParse(pattern, out _, out var globError))
            {
                rule.Error("pattern", globError!);
            }

            if (mode == BranchMode.Ignore && environment is not null)
            {
                rule.Error("environment", "a rule with mode 'ignore' deploys nowhere; remove 'environment'");
            }
            else if (mode is not null and not BranchMode.Ignore && environment is null)
            {
                rule.Error("environment", $"'environment' is required when mode is not 'ignore'");
            }

            if (pattern is not null && mode is not null)
            {
                rules.Add(new BranchRule(pattern, mode.Value, mode == BranchMode.Ignore ? null : environment));
            }
        }

        return rules;
    }
}
