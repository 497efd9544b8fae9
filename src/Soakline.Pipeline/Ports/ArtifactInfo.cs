using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

public sealed record ArtifactInfo(string Path, long SizeBytes, string Sha256);
