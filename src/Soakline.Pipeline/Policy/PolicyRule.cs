namespace Soakline.Pipeline.Policy;

/// <summary>The rules of <see cref="PolicyCheck"/>.</summary>
public enum PolicyRule
{
    /// <summary>The push comes from a repository the policy serves.</summary>
    RepositoryServed,

    /// <summary>The environment the branch deploys to is in the policy.</summary>
    EnvironmentDeclared,

    /// <summary>The branch matches one of the environment's branch globs.</summary>
    BranchAllowed,

    /// <summary>The spec does not declare a production environment as staging.</summary>
    EnvironmentKind,

    /// <summary>A release that needs approval has someone the policy lets approve it.</summary>
    Approvers,

    /// <summary>Every host a component deploys to is one of the environment's hosts.</summary>
    Hosts,

    /// <summary>Health, latency, TLS and DNS checks reach only the environment's hosts and probe hosts.</summary>
    ProbeTargets,
}
