using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Policy;

/// <summary>
/// What <see cref="PolicyCheck"/> decided: the terms of the run (allowed), every violation (refused), or neither when
/// the spec's branch rules deploy the branch nowhere (<see cref="Decision"/> says why).
/// </summary>
public sealed record PolicyVerdict(BranchDecision Decision, RunTerms? Terms, IReadOnlyList<PolicyViolation> Violations)
{
    public bool Refused => Violations.Count > 0;

    public bool Allowed => !Refused && Terms is not null;

    /// <summary>The violations on one line, for the timeline, the commit status and the notification.</summary>
    public string Summary => $"refused by the protection policy: {string.Join("; ", Violations)}";
}
