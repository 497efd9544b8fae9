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

    /// <summary>Lines of standard error that are not diagnostics: anything Bicep says beyond them is a failure too.</summary>
    public IReadOnlyList<string> OtherErrorLines { get; } = StandardError
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(line => !BicepDiagnostic.TryParse(line, out _))
        .ToList();
}
