namespace Soakline.Pipeline.Spec;

public enum MonitorCheckKind
{
    Health,
    Latency,
    Tls,
    Dns,
}
