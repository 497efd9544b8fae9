using System.Text.RegularExpressions;

namespace Soakline.Chaos;

/// <summary>
/// One line of a host's effect ledger: <c>&lt;utc time&gt; &lt;effect&gt; key=value ...</c>. Effects: <c>unpack</c>
/// (release), <c>deploy-hook</c> (release, commit), <c>switch</c> (from, to) and <c>restart</c> (release).
/// </summary>
internal sealed partial record LedgerEntry(int Line, string Time, string Effect, IReadOnlyDictionary<string, string> Fields)
{
    public string Field(string name) => Fields.TryGetValue(name, out var value) ? value : "";

    public override string ToString() => $"line {Line} {Time} {Effect} {string.Join(' ', Fields.Select(f => $"{f.Key}={f.Value}"))}";

    /// <summary>Reads a ledger; a line that does not parse is itself a finding (a torn or foreign write).</summary>
    public static (IReadOnlyList<LedgerEntry> Entries, IReadOnlyList<string> Unreadable) Read(string file)
    {
        var entries = new List<LedgerEntry>();
        var unreadable = new List<string>();
        var number = 0;
        foreach (var line in File.ReadLines(file))
        {
            number++;
            var match = Shape().Match(line);
            if (!match.Success)
            {
                unreadable.Add($"line {number}: '{line}'");
                continue;
            }

            var fields = match.Groups["field"].Captures
                .Select(c => c.Value.Split('=', 2))
                .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
            entries.Add(new LedgerEntry(number, match.Groups["time"].Value, match.Groups["effect"].Value, fields));
        }

        return (entries, unreadable);
    }

    [GeneratedRegex(@"^(?<time>\S+) (?<effect>unpack|deploy-hook|switch|restart)(?: (?<field>[a-z]+=\S*))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
