using System.Globalization;

namespace Soakline.Pipeline.Spec.Loading;

/// <summary>Reads <c>strategy:</c>: canary steps and soak, blue-green, or rolling batches.</summary>
internal static class StrategyReader
{
    public static StrategySpec Read(MappingReader root)
    {
        var strategy = root.Mapping("strategy");
        if (strategy is null)
        {
            return SpecDefaults.Strategy;
        }

        var kind = strategy.Enum("type", SpecNames.StrategyKinds) ?? StrategyKind.Canary;
        var steps = ReadSteps(strategy, kind);
        var writtenSoak = strategy.Duration("soak");
        var writtenExpeditedSoak = strategy.Duration("expeditedSoak");
        var batchSize = strategy.Int("batchSize", 1, 1000);
        strategy.RejectUnknownKeys();

        if (batchSize is not null && kind != StrategyKind.Rolling)
        {
            strategy.Error("batchSize", "only the rolling strategy uses 'batchSize'");
        }

        if (writtenExpeditedSoak > writtenSoak)
        {
            strategy.Error("expeditedSoak", "must not be longer than 'soak' (expedited means faster)");
        }

        // Defaults adapt to what is written (DerivedDefaults); analysis.interval is reconciled after every section is read.
        var soak = writtenSoak ?? DerivedDefaults.AtLeast(SpecDefaults.Soak, writtenExpeditedSoak);
        var expeditedSoak = writtenExpeditedSoak ?? DerivedDefaults.AtMost(SpecDefaults.ExpeditedSoak, soak);

        return new StrategySpec(kind, steps, soak, expeditedSoak, batchSize ?? SpecDefaults.BatchSize);
    }

    private static IReadOnlyList<int> ReadSteps(MappingReader strategy, StrategyKind kind)
    {
        var texts = strategy.StringList("steps");
        if (texts is null)
        {
            return kind == StrategyKind.Canary ? SpecDefaults.CanarySteps : [100];
        }

        var path = strategy.ChildPath("steps");
        if (kind != StrategyKind.Canary)
        {
            strategy.Error("steps", "only the canary strategy uses 'steps'");
            return [100];
        }

        var steps = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (!int.TryParse(texts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var percent) || percent < 1 || percent > 100)
            {
                strategy.Context.Error($"{path}[{i}]", $"'{texts[i]}' is not a traffic percentage from 1 to 100");
                continue;
            }

            if (steps.Count > 0 && percent <= steps[^1])
            {
                strategy.Context.Error($"{path}[{i}]", $"{percent} does not increase on the step before ({steps[^1]}); steps must strictly increase");
            }

            steps.Add(percent);
        }

        if (steps.Count == 0 || steps[^1] != 100)
        {
            strategy.Error("steps", "the last canary step must be 100 (the release is not promoted otherwise)");
        }

        return steps;
    }
}
