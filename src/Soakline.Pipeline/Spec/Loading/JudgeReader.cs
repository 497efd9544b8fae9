using YamlDotNet.RepresentationModel;

namespace Soakline.Pipeline.Spec.Loading;

/// <summary>
/// Reads <c>judge:</c> on <c>analysis:</c> (the default of every metric) or on a metric. A metric's judge takes the
/// fields it leaves out from the analysis-wide judge, then from <see cref="JudgeSpec.Default"/>; <c>judge: false</c>
/// on a metric opts it out of the analysis-wide judge, <c>judge: true</c> takes that judge (or the defaults) as is.
/// Every invalid field is reported at its own line in one pass.
/// </summary>
internal static class JudgeReader
{
    private const string Key = "judge";

    /// <summary>The analysis-wide judge; null when <c>analysis:</c> declares none.</summary>
    public static JudgeSpec? ReadDefault(MappingReader analysis)
    {
        var node = analysis.Get(Key);
        if (node is null)
        {
            return null;
        }

        var mapping = MappingReader.Open(node, analysis.ChildPath(Key), analysis.Context);
        return mapping is null ? null : ReadFields(mapping, JudgeSpec.Default);
    }

    /// <summary>A metric's judge: its own, else the analysis-wide one, else none (or none when it opts out).</summary>
    public static JudgeSpec? ReadForMetric(MappingReader metric, JudgeSpec? analysisDefault)
    {
        var node = metric.Get(Key);
        if (node is null)
        {
            return analysisDefault;
        }

        if (node is YamlScalarNode)
        {
            return metric.Bool(Key) is true ? analysisDefault ?? JudgeSpec.Default : null;
        }

        var mapping = MappingReader.Open(node, metric.ChildPath(Key), metric.Context);
        return mapping is null ? null : ReadFields(mapping, analysisDefault ?? JudgeSpec.Default);
    }

    private static JudgeSpec? ReadFields(MappingReader judge, JudgeSpec inherited)
    {
        var errorsBefore = judge.Context.Errors.Count;

        // Type errors here; ranges below, all at once, from the same rules the record enforces.
        var confidence = judge.Number("confidence", 0) ?? inherited.Confidence;
        var minEffect = judge.Number("minEffect", 0) ?? inherited.MinEffect;
        var direction = judge.Enum("direction", SpecNames.JudgeDirections) ?? inherited.Direction;
        var minSamples = judge.Int("minSamples", 0, int.MaxValue) ?? inherited.MinSamples;
        judge.RejectUnknownKeys();

        var spec = new JudgeSpec(confidence, minEffect, direction, minSamples);
        foreach (var (field, message) in spec.Validate())
        {
            judge.Error(field, message);
        }

        return judge.Context.Errors.Count == errorsBefore ? spec : null;
    }
}
