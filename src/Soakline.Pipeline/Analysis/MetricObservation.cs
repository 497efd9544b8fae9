using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Analysis;

/// <summary>A metric's reading for the canary, and for the stable release when its threshold is relative.</summary>
internal sealed record MetricObservation(MetricSpec Metric, MetricReading Canary, MetricReading? Baseline);
