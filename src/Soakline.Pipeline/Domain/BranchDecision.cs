using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Domain;

/// <summary>The outcome of routing a branch; <see cref="Environment"/> is null when the push does nothing.</summary>
public sealed record BranchDecision(string Branch, BranchRule? Rule, string? Environment, BranchMode Mode, string Reason)
{
    public bool Deploys => Environment is not null && Mode != BranchMode.Ignore;

    public bool NeedsApproval => Mode is BranchMode.Approval or BranchMode.Expedited;

    public bool Expedited => Mode == BranchMode.Expedited;

    public static BranchDecision Ignore(string branch, string reason) => new(branch, null, null, BranchMode.Ignore, reason);
}
