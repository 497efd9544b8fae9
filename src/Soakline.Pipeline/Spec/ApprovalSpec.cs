namespace Soakline.Pipeline.Spec;

/// <param name="Approvers">
/// Who is asked (email addresses), narrowed to those the protection policy lists for the environment; empty: the
/// policy's approvers.
/// </param>
/// <param name="Timeout">After this long without a decision the request expires and nothing is deployed.</param>
/// <param name="ExpeditedTimeout">The shorter window used for expedited (hotfix) releases.</param>
public sealed record ApprovalSpec(IReadOnlyList<string> Approvers, TimeSpan Timeout, TimeSpan ExpeditedTimeout);
