namespace Soakline.Pipeline.Spec.Loading;

/// <summary>What the loader knows beyond the spec's text: trusted configuration that makes some findings errors.</summary>
/// <param name="ProductionEnvironments">
/// The environments the protection policy calls production (<c>Soakline__Policy__Environments__&lt;env&gt;__Kind</c>).
/// A canary with nothing to analyse there is refused; elsewhere, and when loaded without a policy, it is a warning.
/// </param>
internal sealed record SpecLoadOptions(IReadOnlySet<string> ProductionEnvironments)
{
    public static SpecLoadOptions None { get; } = new(new HashSet<string>(StringComparer.Ordinal));
}
