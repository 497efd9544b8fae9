namespace Soakline.Pipeline.Spec;

/// <summary>An environment variable for deploy hooks: a literal, or a reference to a secret resolved at deploy time.</summary>
/// <remarks>Secrets are referenced by name only, so the spec (which lives in the repository) never holds a secret.</remarks>
public sealed record EnvironmentVariableSpec(string Name, string? Value, string? SecretName)
{
    public bool IsSecret => SecretName is not null;
}
