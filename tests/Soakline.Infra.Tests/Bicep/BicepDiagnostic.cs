using System.Globalization;
using System.Text.RegularExpressions;

namespace Soakline.Infra.Tests.Bicep;

/// <summary>One line of Bicep CLI output such as <c>main.bicep(12,5) : Warning no-unused-params: ...</c>.</summary>
internal sealed partial record BicepDiagnostic(string File, int Line, int Column, string Level, string Code, string Message)
{
    public override string ToString() => $"{File}({Line},{Column}) {Level} {Code}: {Message}";

    public static bool TryParse(string line, out BicepDiagnostic diagnostic)
    {
        var match = DiagnosticLine().Match(line);
        if (!match.Success)
        {
            diagnostic = null!;
            return false;
        }

        diagnostic = new BicepDiagnostic(
            match.Groups["file"].Value,
            int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["column"].Value, CultureInfo.InvariantCulture),
            match.Groups["level"].Value,
            match.Groups["code"].Value,
            match.Groups["message"].Value);
        return true;
    }

    [GeneratedRegex(@"^(?<file>.+?)\((?<line>\d+),(?<column>\d+)\) : (?<level>Error|Warning|Info) (?<code>[^:]+): (?<message>.*)$")]
    private static partial Regex DiagnosticLine();
}
