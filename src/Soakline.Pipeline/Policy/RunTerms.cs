using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Policy;

/// <summary>What a push allowed by the protection policy may do: the spec's wishes narrowed by the policy.</summary>
/// <param name="Kind">Production when either the spec or the policy says so (the more careful of the two).</param>
/// <param name="Mode">The spec's mode, or <see cref="BranchMode.Approval"/> when the policy requires approval and the spec asked for none.</param>
/// <param name="ApprovalRequiredByPolicy">True when the policy turned an automatic deploy into one that waits for approval.</param>
/// <param name="Approvers">Who may decide: the spec's approvers that the policy also lists, or the policy's when the spec lists none.</param>
/// <param name="Hosts">The environment's deploy hosts in the policy.</param>
public sealed record RunTerms(
    string Environment,
    EnvironmentKind Kind,
    BranchMode Mode,
    bool ApprovalRequiredByPolicy,
    IReadOnlyList<string> Approvers,
    IReadOnlyList<string> Hosts)
{
    public bool NeedsApproval => Mode is BranchMode.Approval or BranchMode.Expedited;

    /// <summary>One line for the timeline: what the policy changed, if anything.</summary>
    public string Describe() => ApprovalRequiredByPolicy
        ? $"the protection policy requires approval for {Environment} (by {string.Join(", ", Approvers)}); the spec's 'automatic' became 'approval'"
        : NeedsApproval ? $"approval by {string.Join(", ", Approvers)}" : "no approval required";
}
