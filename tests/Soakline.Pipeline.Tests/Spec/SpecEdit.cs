namespace Soakline.Pipeline.Tests.Spec;

/// <summary>
/// One mutation of a spec's text. <paramref name="Position"/> is taken modulo the text's length (or its line count),
/// so any generated number lands somewhere in the document.
/// </summary>
internal sealed record SpecEdit(int Kind, int Position, string Fragment, int Length)
{
    public string ApplyTo(string text)
    {
        var lines = text.Split('\n').ToList();
        var line = Position % lines.Count;
        var at = text.Length == 0 ? 0 : Position % text.Length;
        switch (Kind)
        {
            case 0:
                return text.Remove(at, Math.Min(Length, text.Length - at));
            case 1:
                return text.Insert(at, Fragment);
            case 2:
                lines.Insert(line, lines[line]);
                break;
            case 3:
                lines.RemoveAt(line);
                break;
            case 4:
                lines[line] = lines[line].StartsWith("  ", StringComparison.Ordinal) && Length % 2 == 0 ? lines[line][2..] : "  " + lines[line];
                break;
            case 5 when line + 1 < lines.Count:
                (lines[line], lines[line + 1]) = (lines[line + 1], lines[line]);
                break;
            case 6:
                // Replaces the value after a line's first colon: a wrong type or syntax where the reader expects one.
                var colon = lines[line].IndexOf(':', StringComparison.Ordinal);
                lines[line] = colon < 0 ? lines[line] + Fragment : lines[line][..(colon + 1)] + " " + Fragment;
                break;
            default:
                return text[..at];
        }

        return string.Join('\n', lines);
    }

    public override string ToString() => $"edit {Kind} at {Position} ({Fragment.Replace("\n", "\\n", StringComparison.Ordinal)}, {Length})";
}
