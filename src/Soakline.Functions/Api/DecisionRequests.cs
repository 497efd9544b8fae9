namespace Soakline.Functions.Api;

/// <summary>The body of <c>POST /api/pipelines/{id}/approve</c> and <c>/reject</c>.</summary>
public sealed record DecisionBody(string? By, string? Comment);

/// <summary>The body of <c>POST /api/pipelines/{id}/abort</c>.</summary>
public sealed record AbortBody(string? Reason, string? By);
