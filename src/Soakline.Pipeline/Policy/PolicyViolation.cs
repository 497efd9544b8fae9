namespace Soakline.Pipeline.Policy;

/// <summary>One way a push or its spec goes beyond the protection policy.</summary>
/// <param name="Field">The spec field at fault (<c>components.api.health.url</c>), or <c>repository</c> for the push itself.</param>
/// <param name="Line">The spec line of the field (or its nearest written parent); null for a default or the push.</param>
/// <param name="Message">What the policy allows and what was asked, naming the values.</param>
public sealed record PolicyViolation(PolicyRule Rule, string Field, int? Line, string Message)
{
    public override string ToString() => Line is { } line ? $"line {line}: {Field}: {Message}" : $"{Field}: {Message}";
}
