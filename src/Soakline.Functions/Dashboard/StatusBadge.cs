namespace Soakline.Functions.Dashboard;

/// <summary>A coloured label (<c>Slices/Badge.cshtml</c>); the tone is one of <see cref="StatusTone"/>'s.</summary>
public sealed record StatusBadge(string Text, string Tone);
