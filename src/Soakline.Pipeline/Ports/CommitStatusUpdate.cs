using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

public sealed record CommitStatusUpdate(string Context, CommitStatusState State, string Description, Uri? TargetUrl = null);
