namespace Soakline.Functions.Watchdog;

/// <summary>What one watchdog run did: how many pipelines it judged, which it found stuck and which moved again.</summary>
internal sealed record WatchdogSweep(int Watched, IReadOnlyList<string> Opened, IReadOnlyList<string> Resolved);
