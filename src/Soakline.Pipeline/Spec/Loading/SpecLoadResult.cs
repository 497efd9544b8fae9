namespace Soakline.Pipeline.Spec.Loading;

/// <summary>A spec, or every error found in it (never both): a user fixes all problems in one go.</summary>
internal sealed record SpecLoadResult(PipelineSpec? Spec, IReadOnlyList<SpecError> Errors, string Source)
{
    /// <summary>Where each field of the spec was written (for errors found after loading, such as policy violations).</summary>
    public SpecLocations Locations { get; init; } = SpecLocations.None;

    /// <summary>
    /// Findings that do not stop the spec from loading (field path and line, like errors), for the timeline, the
    /// commit status and a notification: for example a canary with nothing to analyse outside production.
    /// </summary>
    public IReadOnlyList<SpecError> Warnings { get; init; } = [];

    public bool IsValid => Spec is not null && Errors.Count == 0;

    /// <summary>The spec, or a <see cref="PipelineSpecException"/> listing every error.</summary>
    public PipelineSpec GetSpecOrThrow() => IsValid ? Spec! : throw new PipelineSpecException(Source, Errors);
}
