namespace Soakline.Pipeline.Ports;

public sealed record IncidentRef(string Key, string Id, Uri? Url, bool Created);
