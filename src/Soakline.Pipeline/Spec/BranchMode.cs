namespace Soakline.Pipeline.Spec;

public enum BranchMode
{
    /// <summary>Deploy without a human decision (staging from <c>develop</c>).</summary>
    Automatic,

    /// <summary>Deploy after an approver says yes (production from <c>main</c>).</summary>
    Approval,

    /// <summary>Approval with the short expedited timeout and soak (production from <c>hotfix/*</c>).</summary>
    Expedited,

    /// <summary>Do nothing (<c>feature/*</c>, <c>ci-experimental/*</c>).</summary>
    Ignore,
}
