using System.Globalization;
using System.Net;

namespace Soakline.Functions.Approvals;

/// <summary>
/// What the confirmation page (<c>Slices/Confirmation.cshtml</c>) shows for an approval link: the release waiting for
/// a decision and a form that posts the decision back to the same link. Public because the RazorSlices generator
/// declares the slice's <c>Create(model)</c> public.
/// </summary>
public sealed record ApprovalConfirmation(string Token, ApprovalLink Link, ReleaseSummaryView Summary)
{
    public string Verb => Link.Approve ? "Approve" : "Reject";

    /// <summary>The form's address: this link's own (the token URL-encoded into the path).</summary>
    public string Action => "/approvals/" + WebUtility.UrlEncode(Token);

    /// <summary>The facts shown, in order; one the release does not have is left out.</summary>
    public IEnumerable<(string Name, string Value)> Rows
    {
        get
        {
            (string Name, string? Value)[] rows =
            [
                ("Pipeline", Summary.PipelineId),
                ("Environment", Summary.Environment),
                ("Release", Summary.Release),
                ("Commit", Summary.Commit),
                ("Author", Summary.Author),
                ("Message", Summary.Message),
                ("Stage", Summary.Stage),
                ("Decision by", Link.Approver),
                ("Link expires", Link.ExpiresAt.ToString("u", CultureInfo.InvariantCulture)),
            ];
            return rows.Where(r => r.Value is not null).Select(r => (r.Name, r.Value!));
        }
    }
}
