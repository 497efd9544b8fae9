namespace Soakline.Pipeline.Spec;

/// <summary>What a push to branches matching <see cref="Pattern"/> does. The first matching rule wins.</summary>
/// <param name="Pattern">A glob: <c>*</c> matches within one path segment, <c>**</c> across segments.</param>
/// <param name="Environment">The target environment; null exactly when <see cref="Mode"/> is <see cref="BranchMode.Ignore"/>.</param>
public sealed record BranchRule(string Pattern, BranchMode Mode, string? Environment);
