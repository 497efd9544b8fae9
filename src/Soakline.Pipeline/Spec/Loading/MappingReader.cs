using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Soakline.Pipeline.Spec.Loading;

/// <summary>
/// Reads one YAML mapping field by field, reporting type errors with the field's path and line. Every key that no
/// one asked for is an unknown key (a typo such as <c>soka:</c> must not silently become a default).
/// </summary>
internal sealed class MappingReader
{
    private readonly YamlMappingNode _node;
    private readonly SpecReadContext _context;
    private readonly HashSet<string> _consumed = new(StringComparer.Ordinal);

    private MappingReader(YamlMappingNode node, string path, SpecReadContext context)
    {
        _node = node;
        Path = path;
        _context = context;

        // Errors about the mapping as a whole point at its key ("e2e:"), which was recorded when the key was read.
        Anchor = context.LocationOf(path) ?? node.Start;
    }

    public string Path { get; }

    public YamlNode Node => _node;

    /// <summary>Where errors about the whole mapping point: its key's line, or the mapping's first line.</summary>
    public Mark Anchor { get; }

    public SpecReadContext Context => _context;

    /// <summary>A reader for a node that must be a mapping; null (with an error) when it is not.</summary>
    public static MappingReader? Open(YamlNode node, string path, SpecReadContext context)
    {
        if (node is YamlMappingNode mapping)
        {
            return new MappingReader(mapping, path, context);
        }

        context.Error(path, node, $"expected a mapping (key: value lines), found {Describe(node)}");
        return null;
    }

    public string ChildPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public bool Has(string key) => Get(key) is not null;

    /// <summary>The value under a key; null when absent or written as an empty value.</summary>
    public YamlNode? Get(string key)
    {
        _consumed.Add(key);
        foreach (var (k, v) in _node.Children)
        {
            if (k is YamlScalarNode { Value: var name } && string.Equals(name, key, StringComparison.Ordinal))
            {
                _context.Record(ChildPath(key), k);
                return IsNull(v) ? null : v;
            }
        }

        return null;
    }

    public string? String(string key, bool required = false)
    {
        var node = Get(key);
        if (node is null)
        {
            if (required)
            {
                MissingError(key);
            }

            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar.Value;
        }

        _context.Error(ChildPath(key), node, $"expected a single value, found {Describe(node)}");
        return null;
    }

    public int? Int(string key, int min, int max)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        _context.Error(ChildPath(key), Get(key)!, $"'{text}' is not a whole number from {min} to {max}");
        return null;
    }

    public double? Number(string key, double min)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= min)
        {
            return value;
        }

        _context.Error(ChildPath(key), Get(key)!, $"'{text}' is not a number of at least {min.ToString(CultureInfo.InvariantCulture)}");
        return null;
    }

    public bool? Bool(string key)
    {
        var text = String(key);
        switch (text)
        {
            case null:
                return null;
            case "true":
                return true;
            case "false":
                return false;
            default:
                _context.Error(ChildPath(key), Get(key)!, $"'{text}' is not true or false");
                return null;
        }
    }

    /// <summary>A strictly positive duration such as <c>30m</c>.</summary>
    public TimeSpan? Duration(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (DurationParser.TryParse(text, out var value) && value > TimeSpan.Zero)
        {
            return value;
        }

        _context.Error(ChildPath(key), Get(key)!, $"'{text}' is not {DurationParser.Hint} (greater than zero)");
        return null;
    }

    public TEnum? Enum<TEnum>(string key, IReadOnlyDictionary<string, TEnum> names, bool required = false)
        where TEnum : struct, Enum
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (names.TryGetValue(text, out var value))
        {
            return value;
        }

        _context.Error(ChildPath(key), Get(key)!, $"'{text}' is not one of: {string.Join(", ", names.Keys)}");
        return null;
    }

    /// <summary>A list of non-empty strings; a single value is accepted as a list of one.</summary>
    public IReadOnlyList<string>? StringList(string key, bool required = false)
    {
        var node = Get(key);
        if (node is null)
        {
            if (required)
            {
                MissingError(key);
            }

            return null;
        }

        if (node is YamlScalarNode { Value: { Length: > 0 } single })
        {
            return [single];
        }

        if (node is not YamlSequenceNode sequence)
        {
            _context.Error(ChildPath(key), node, $"expected a list of values, found {Describe(node)}");
            return null;
        }

        var values = new List<string>();
        var index = 0;
        foreach (var item in sequence.Children)
        {
            var itemPath = $"{ChildPath(key)}[{index++}]";
            _context.Record(itemPath, item);
            if (item is YamlScalarNode { Value: { Length: > 0 } text } && !string.IsNullOrWhiteSpace(text))
            {
                values.Add(text);
            }
            else
            {
                _context.Error(itemPath, item, $"expected a non-empty value, found {Describe(item)}");
            }
        }

        if (required && values.Count == 0 && sequence.Children.Count == 0)
        {
            _context.Error(ChildPath(key), node, "must list at least one value");
        }

        return values;
    }

    public MappingReader? Mapping(string key, bool required = false)
    {
        var node = Get(key);
        if (node is null)
        {
            if (required)
            {
                MissingError(key);
            }

            return null;
        }

        return Open(node, ChildPath(key), _context);
    }

    /// <summary>The items of a list under a key, each with its path.</summary>
    public IReadOnlyList<(YamlNode Node, string Path)>? Sequence(string key)
    {
        var node = Get(key);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            _context.Error(ChildPath(key), node, $"expected a list, found {Describe(node)}");
            return null;
        }

        var items = new List<(YamlNode, string)>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var path = $"{ChildPath(key)}[{i}]";
            _context.Record(path, sequence.Children[i]);
            items.Add((sequence.Children[i], path));
        }

        return items;
    }

    /// <summary>Every entry of this mapping as (name, value, path): for maps keyed by a user-chosen name.</summary>
    public IReadOnlyList<(string Name, YamlNode Node, string Path)> Entries()
    {
        var entries = new List<(string, YamlNode, string)>();
        foreach (var (k, v) in _node.Children)
        {
            if (k is not YamlScalarNode { Value: { Length: > 0 } name })
            {
                _context.Error(Path, k, $"expected a name as key, found {Describe(k)}");
                continue;
            }

            _consumed.Add(name);
            var path = ChildPath(name);
            _context.Record(path, k);
            entries.Add((name, v, path));
        }

        return entries;
    }

    /// <summary>Reports every key of this mapping that was never read: unknown keys are errors, not ignored.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var (k, _) in _node.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && !_consumed.Contains(name))
            {
                var known = string.Join(", ", _consumed.Order(StringComparer.Ordinal));
                _context.Error(ChildPath(name), k, $"unknown key '{name}' (known keys here: {known})");
            }
        }
    }

    public void Error(string key, string message)
    {
        var node = Get(key);
        _context.Error(ChildPath(key), node is null ? Anchor : node.Start, message);
    }

    private void MissingError(string key) => _context.Error(ChildPath(key), Anchor, $"'{key}' is required");

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: not YamlDotNet.Core.ScalarStyle.SingleQuoted and not YamlDotNet.Core.ScalarStyle.DoubleQuoted, Value: null or "" or "~" or "null" };

    internal static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: var v } => $"'{v}'",
        _ => node.NodeType.ToString(),
    };
}
