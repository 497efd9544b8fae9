namespace Soakline.Pipeline.Spec;

/// <param name="Approvers">Who is asked (email addresses); at least one when any branch rule needs approval.</param>
/// <param name="Timeout">After this long without a decision the request expires and nothing is deployed.</param>
/// <param name="ExpeditedTimeout">The shorter window used for expedited (hotfix) releases.</param>
public sealed record ApprovalSpec(IReadOnlyList<string> Approvers, TimeSpan Timeout, TimeSpan ExpeditedTimeout);
