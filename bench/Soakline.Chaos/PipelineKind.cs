namespace Soakline.Chaos;

/// <summary>What a chaos pipeline's release does, and so how it must end.</summary>
internal enum PipelineKind
{
    /// <summary>Approved at once; healthy through every canary stage: must end Released on every host.</summary>
    Promote,

    /// <summary>Approved at once; starts failing inside its first soak: must end RolledBack, every host back on the stable release.</summary>
    Breach,

    /// <summary>Approved only after a while (kills happen meanwhile); healthy: must end Released, the approval taking effect.</summary>
    LateApproval,
}
