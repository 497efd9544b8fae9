namespace Soakline.Functions.Api;

/// <summary>The body of <c>POST /api/pipelines/{id}/abort</c>.</summary>
/// <param name="By">Refused (400) when present, as in <see cref="DecisionBody"/>.</param>
internal sealed record AbortBody(string? Reason, string? By = null);
