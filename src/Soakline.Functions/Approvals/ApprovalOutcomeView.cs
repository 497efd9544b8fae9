namespace Soakline.Functions.Approvals;

/// <summary>
/// An approval link's outcome page (<c>Slices/Outcome.cshtml</c>): a title and a sentence. Public because the RazorSlices
/// generator declares the slice's <c>Create(model)</c> public.
/// </summary>
public sealed record ApprovalOutcomeView(string Title, string Message);
