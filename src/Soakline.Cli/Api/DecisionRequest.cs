namespace Soakline.Cli.Api;

/// <summary>The body of an approve or reject: a comment only (issue 14: the decider is the authenticated caller).</summary>
internal sealed record DecisionRequest(string? Comment);
