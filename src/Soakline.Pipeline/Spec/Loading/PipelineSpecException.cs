namespace Soakline.Pipeline.Spec.Loading;

/// <summary>A spec failed validation; the message lists every error with its field and line.</summary>
internal sealed class PipelineSpecException : Exception
{
    public PipelineSpecException(string source, IReadOnlyList<SpecError> errors)
        : base(Describe(source, errors)) => Errors = errors;

    public PipelineSpecException()
        : this("pipeline spec", [])
    {
    }

    public PipelineSpecException(string message)
        : base(message) => Errors = [];

    public PipelineSpecException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    public IReadOnlyList<SpecError> Errors { get; }

    private static string Describe(string source, IReadOnlyList<SpecError> errors) =>
        $"{source} is invalid ({errors.Count} error{(errors.Count == 1 ? "" : "s")}):"
        + string.Concat(errors.Select(e => Environment.NewLine + "  " + e));
}
