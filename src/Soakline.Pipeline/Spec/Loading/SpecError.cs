namespace Soakline.Pipeline.Spec.Loading;

/// <summary>One problem in a spec, pointing at the field (<c>components.api.health.url</c>) and the line it is on.</summary>
internal sealed record SpecError(string Path, int Line, int Column, string Message)
{
    public override string ToString() => $"line {Line}, column {Column}: {Path}: {Message}";
}
