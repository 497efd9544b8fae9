namespace Soakline.Pipeline.Policy;

/// <summary>One way a push or its spec goes beyond the protection policy.</summary>
/// <param name="Field">The spec field at fault (<c>components.api.health.url</c>), or <c>repository</c> for the push itself.</param>
/// <param name="Line">The spec line of the field (or its nearest written parent); null for a default or the push.</param>
/// <param name="Message">What the policy allows and what was asked, naming the values.</param>
public sealed record PolicyViolation(PolicyRule Rule, string Field, int? Line, string Message)
{
    public override string ToString() => Line is { } line ? $"line {line}: {Field}: {Message}" : $"{Field}: {Message}";
}

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
