namespace Soakline.Pipeline.Ports;

public enum Severity
{
    Info,
    Warning,
    Critical,
}
