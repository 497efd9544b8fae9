namespace Soakline.Functions.Dashboard;

/// <summary>
/// What the dashboard's page frame (<c>Slices/Layout.cshtml</c>: head, header, confirmation dialog) needs from a page.
/// The <c>data-*</c> values on <c>body</c> tell dashboard.js which page it is on and which API address to poll; a null
/// one leaves its attribute out.
/// </summary>
/// <remarks>
/// The slice models are public because the RazorSlices source generator declares every slice's proxy (its
/// <c>Create(model)</c>) public; an internal model there would not compile.
/// </remarks>
public sealed record PageFrame(DashboardLinks Links, string Title, string Page, string? Api = null, int? PollMilliseconds = null);
