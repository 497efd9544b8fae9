using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Soakline.Infra.Tests.Templates.Expressions;

/// <summary>
/// One ARM template language expression, parsed: the text between the brackets of a JSON string such as
/// <c>"[format('{0}secrets/', parameters('keyVaultUri'))]"</c>. Function calls, string and integer literals, and
/// property and index access are all the language has.
/// </summary>
internal abstract record ArmExpression
{
    /// <summary>True when a JSON string holds an expression rather than a literal ("[[" escapes a literal bracket).</summary>
    public static bool IsExpression(string text) =>
        text.Length >= 2 && text[0] == '[' && text[^1] == ']' && !text.StartsWith("[[", StringComparison.Ordinal);

    public static ArmExpression Parse(string text)
    {
        if (!IsExpression(text))
        {
            throw new FormatException($"Not an ARM expression: {text}");
        }

        var parser = new Parser(text, 1, text.Length - 1);
        var expression = parser.ParseExpression();
        parser.ExpectEnd();
        return expression;
    }

    /// <summary>A string or integer written in the expression.</summary>
    internal sealed record Literal(JsonNode Value) : ArmExpression;

    /// <summary><c>name(arguments)</c>.</summary>
    internal sealed record Call(string Name, IReadOnlyList<ArmExpression> Arguments) : ArmExpression;

    /// <summary><c>target.name</c>.</summary>
    internal sealed record Member(ArmExpression Target, string Name) : ArmExpression;

    /// <summary><c>target[index]</c>.</summary>
    internal sealed record Index(ArmExpression Target, ArmExpression Key) : ArmExpression;

    private sealed class Parser(string text, int position, int end)
    {
        private int _position = position;

        public ArmExpression ParseExpression()
        {
            var expression = ParsePrimary();
            while (true)
            {
                SkipSpaces();
                if (Peek('.'))
                {
                    _position++;
                    expression = new Member(expression, ReadIdentifier());
                }
                else if (Peek('['))
                {
                    _position++;
                    var key = ParseExpression();
                    Expect(']');
                    expression = new Index(expression, key);
                }
                else
                {
                    return expression;
                }
            }
        }

        public void ExpectEnd()
        {
            SkipSpaces();
            if (_position != end)
            {
                throw Error("end of expression");
            }
        }

        private ArmExpression ParsePrimary()
        {
            SkipSpaces();
            if (Peek('\''))
            {
                return new Literal(JsonValue.Create(ReadString()));
            }

            if (_position < end && (char.IsAsciiDigit(text[_position]) || text[_position] == '-'))
            {
                var start = _position++;
                while (_position < end && char.IsAsciiDigit(text[_position]))
                {
                    _position++;
                }

                return new Literal(JsonValue.Create(long.Parse(text.AsSpan(start, _position - start), CultureInfo.InvariantCulture)));
            }

            var name = ReadIdentifier();
            SkipSpaces();
            Expect('(');
            var arguments = new List<ArmExpression>();
            SkipSpaces();
            if (!Peek(')'))
            {
                arguments.Add(ParseExpression());
                SkipSpaces();
                while (Peek(','))
                {
                    _position++;
                    arguments.Add(ParseExpression());
                    SkipSpaces();
                }
            }

            Expect(')');
            return new Call(name, arguments);
        }

        private string ReadString()
        {
            Expect('\'');
            var value = new StringBuilder();
            while (true)
            {
                if (_position >= end)
                {
                    throw Error("closing quote");
                }

                var c = text[_position++];
                if (c != '\'')
                {
                    value.Append(c);
                }
                else if (Peek('\''))
                {
                    // '' inside a string literal is one quote.
                    value.Append('\'');
                    _position++;
                }
                else
                {
                    return value.ToString();
                }
            }
        }

        private string ReadIdentifier()
        {
            var start = _position;
            while (_position < end && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] is '_' or '$'))
            {
                _position++;
            }

            return _position > start ? text[start.._position] : throw Error("a name");
        }

        private void Expect(char c)
        {
            SkipSpaces();
            if (!Peek(c))
            {
                throw Error($"'{c}'");
            }

            _position++;
        }

        private bool Peek(char c) => _position < end && text[_position] == c;

        private void SkipSpaces()
        {
            while (_position < end && text[_position] == ' ')
            {
                _position++;
            }
        }

        private FormatException Error(string expected) =>
            new($"Expected {expected} at position {_position} of ARM expression {text}");
    }
}
