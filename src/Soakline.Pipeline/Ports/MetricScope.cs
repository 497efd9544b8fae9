namespace Soakline.Pipeline.Ports;

/// <summary>Which population a reading covers, so canary and stable can be compared.</summary>
public enum MetricScope
{
    All,
    Canary,
    Stable,
}
