namespace Soakline.Cli.Models;

/// <summary>One step in a pipeline's history.</summary>
internal sealed record TimelineEntry(DateTimeOffset At, string Kind, string? Environment, string? Detail, string? Actor = null, string? Release = null);
