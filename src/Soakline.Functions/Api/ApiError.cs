namespace Soakline.Functions.Api;

/// <summary>The body of every API error: one sentence naming what was wrong.</summary>
public sealed record ApiError(string Error);
