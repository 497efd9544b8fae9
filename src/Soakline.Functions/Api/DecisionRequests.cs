namespace Soakline.Functions.Api;

/// <summary>The body of <c>POST /api/pipelines/{id}/approve</c> and <c>/reject</c>.</summary>
public sealed record DecisionBody(string? By, string? Comment);

/// <summary>The body of <c>POST /api/pipelines/{id}/abort</c>.</summary>
public sealed record AbortBody(string? Reason, string? By);

/// <summary>The <c>abort</c> event a production pipeline listens for while it soaks (same shape as the pipeline's AbortRequest).</summary>
public sealed record AbortSignal(string Reason, string RequestedBy);
