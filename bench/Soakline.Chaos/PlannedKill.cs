namespace Soakline.Chaos;

/// <summary>One SIGKILL of the plan: how long after the previous one, and which of the two app processes.</summary>
internal sealed record PlannedKill(TimeSpan After, int Process);
