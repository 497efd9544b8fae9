namespace Soakline.Integrations.Metrics;

internal enum BuiltInMetricKind
{
    ErrorRatePercent,
    LatencyMilliseconds,
}
