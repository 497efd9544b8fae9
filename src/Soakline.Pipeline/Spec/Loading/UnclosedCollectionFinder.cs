using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Soakline.Pipeline.Spec.Loading;

/// <summary>
/// Finds where YAML text that ends inside a flow collection (<c>paths: ["**"</c> with no closing bracket) opened it.
/// YamlDotNet's parser then fails with a bare <see cref="InvalidOperationException"/> that carries no position, so the
/// text is parsed again event by event, keeping the start of every flow collection still open.
/// </summary>
internal static partial class UnclosedCollectionFinder
{
    /// <summary>The start of the innermost flow collection still open where parsing stopped, or the last event's end.</summary>
    public static (Mark Mark, string Message) Find(string yaml)
    {
        var open = new Stack<(Mark Start, char Bracket)>();
        var last = Mark.Empty;
        var parser = new Parser(new StringReader(yaml));
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                last = current.End;
                switch (current)
                {
                    case SequenceStart { Style: SequenceStyle.Flow } s:
                        open.Push((s.Start, '['));
                        break;
                    case MappingStart { Style: MappingStyle.Flow } m:
                        open.Push((m.Start, '{'));
                        break;
                    case SequenceEnd or MappingEnd when open.Count > 0 && IsFlowEnd(current, open.Peek()):
                        open.Pop();
                        break;
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Expected: this is the failure being located.
        }
        catch (YamlException e) when (open.Count == 0 || !IsPastEnd(e.Start, yaml))
        {
            // With no bracket open there is nothing better to point at, but a mark past the end must still be a line
            // of the document (found by the spec fuzzer: a missing key before a '[' on the last line).
            return (IsPastEnd(e.Start, yaml) ? LastLine(yaml) : e.Start, e.Message);
        }
        catch (YamlException)
        {
            // Failed at the end of the text with a collection open: the open bracket is the place to fix.
        }

        return open.Count > 0
            ? (open.Peek().Start, $"'{open.Peek().Bracket}' is never closed: the file ends before its '{Closing(open.Peek().Bracket)}'")
            : (last, "the file ends in the middle of a YAML value");
    }

    /// <summary>Whether <paramref name="mark"/> lies after the text's last line (YamlDotNet's mark for "ended too soon").</summary>
    public static bool IsPastEnd(Mark mark, string yaml) => mark.Line > LineBreak().Count(yaml) + 1;

    /// <summary>The start of the text's last line.</summary>
    public static Mark LastLine(string yaml)
    {
        var breaks = LineBreak().Count(yaml);
        return new Mark(yaml.Length, breaks + 1, 1);
    }

    // Every line break YamlDotNet counts: CR LF, CR, LF, NEL and the Unicode line and paragraph separators.
    [GeneratedRegex("\r\n|\r|\n|\u0085|\u2028|\u2029")]
    private static partial Regex LineBreak();

    private static bool IsFlowEnd(ParsingEvent end, (Mark Start, char Bracket) top) =>
        (end is SequenceEnd && top.Bracket == '[') || (end is MappingEnd && top.Bracket == '{');

    private static char Closing(char bracket) => bracket == '[' ? ']' : '}';
}
