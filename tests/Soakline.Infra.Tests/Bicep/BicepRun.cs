namespace Soakline.Infra.Tests.Bicep;

/// <summary>What one Bicep CLI invocation produced.</summary>
internal sealed record BicepRun(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Diagnostics Bicep reported (it writes them to standard error).</summary>
    public IReadOnlyList<BicepDiagnostic> Diagnostics { get; } = StandardError
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(line => BicepDiagnostic.TryParse(line, out var diagnostic) ? diagnostic : null)
        .OfType<BicepDiagnostic>()
        .ToList();

    /// <summary>True when the run succeeded and said nothing at all: no error, warning or info, no other noise.</summary>
    public bool IsClean => ExitCode == 0 && string.IsNullOrWhiteSpace(StandardError);

    /// <summary>A failure message that shows everything Bicep said.</summary>
    public string Describe() =>
        $"`{Command}` exited with {ExitCode} and reported {Diagnostics.Count} diagnostic(s):{Environment.NewLine}"
        + string.Join(Environment.NewLine, Diagnostics.Select(d => "  " + d))
        + (Diagnostics.Count == 0 ? $"{Environment.NewLine}stderr:{Environment.NewLine}{StandardError}" : "");
}
