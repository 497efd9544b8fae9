using System.Text.Json;
using System.Text.Json.Nodes;

namespace Soakline.Infra.Tests.Bicep;

/// <summary>
/// One file's share of a <see cref="BicepFolderBuild"/>: its diagnostics (plus any the run could not attribute)
/// and its compiled ARM JSON, null when the run wrote none (a compile error, or the file was not in the run).
/// </summary>
internal sealed record BicepFileBuild(
    string RelativePath,
    BicepRun Run,
    IReadOnlyList<BicepDiagnostic> Diagnostics,
    string? CompiledJson)
{
    /// <summary>Compiled, valid JSON, and not one diagnostic or other line on standard error.</summary>
    public bool IsClean =>
        Diagnostics.Count == 0 && Run.OtherErrorLines.Count == 0 && CompiledJson is not null && ParsedTemplate() is not null;

    /// <summary>The compiled template as a JSON object, or null when missing or not an object.</summary>
    public JsonObject? ParsedTemplate()
    {
        if (CompiledJson is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(CompiledJson) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A failure message with everything Bicep said about this file, in its own words.</summary>
    public string Describe() =>
        $"`{Run.Command}` (exit code {Run.ExitCode}) reported {Diagnostics.Count} diagnostic(s) for {RelativePath}:"
        + string.Concat(Diagnostics.Select(d => Environment.NewLine + "  " + d))
        + string.Concat(Run.OtherErrorLines.Select(line => Environment.NewLine + "  stderr: " + line))
        + (CompiledJson is null
            ? $"{Environment.NewLine}  no compiled JSON for {RelativePath} in the run's output"
            : ParsedTemplate() is null ? $"{Environment.NewLine}  the compiled JSON for {RelativePath} is not a JSON object" : "");
}
