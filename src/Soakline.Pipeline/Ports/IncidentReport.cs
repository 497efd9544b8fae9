namespace Soakline.Pipeline.Ports;

public sealed record IncidentReport(string Key, Severity Severity, string Title, string Body, IReadOnlyList<string> Labels);
