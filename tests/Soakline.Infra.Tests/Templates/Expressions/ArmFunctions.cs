using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Soakline.Infra.Tests.Templates.Expressions;

/// <summary>
/// The ARM template functions the compiled templates call that need no deployment: strings, arrays, objects, logic, and
/// the ids and names Resource Manager derives (with a fixed test subscription). Semantics follow the ARM function
/// reference for the cases the templates use; a function not listed here fails loudly.
/// </summary>
internal static class ArmFunctions
{
    public const string SubscriptionId = "00000000-0000-0000-0000-00000000aaaa";
    public const string TenantId = "00000000-0000-0000-0000-00000000bbbb";

    public static JsonNode? Call(string name, IReadOnlyList<JsonNode?> args) => name.ToLowerInvariant() switch
    {
        "format" => JsonValue.Create(string.Format(CultureInfo.InvariantCulture, Text(args[0]), args.Skip(1).Select(Text).ToArray<object>())),
        "concat" => args.Count > 0 && args[0] is JsonArray
            ? new JsonArray(args.SelectMany(a => a!.AsArray()).Select(item => item?.DeepClone()).ToArray())
            : JsonValue.Create(string.Concat(args.Select(Text))),
        "createarray" => new JsonArray(args.Select(a => a?.DeepClone()).ToArray()),
        "createobject" => new JsonObject(args.Chunk(2).Select(pair => KeyValuePair.Create(Text(pair[0]), pair[1]?.DeepClone()))),
        "empty" => JsonValue.Create(IsEmpty(args[0])),
        "not" => JsonValue.Create(!IsTrue(args[0])),
        "and" => JsonValue.Create(args.All(IsTrue)),
        "or" => JsonValue.Create(args.Any(IsTrue)),
        "equals" => JsonValue.Create(JsonNode.DeepEquals(args[0], args[1])),
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        "contains" => JsonValue.Create(Contains(args[0], args[1])),
        "union" => Union(args),
        "items" => new JsonArray(args[0]!.AsObject()
            .OrderBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase)
            .Select(pair => (JsonNode)new JsonObject { ["key"] = pair.Key, ["value"] = pair.Value?.DeepClone() })
            .ToArray()),
        "length" => JsonValue.Create((long)(args[0] switch
        {
            JsonArray array => array.Count,
            JsonObject obj => obj.Count,
            _ => Text(args[0]).Length,
        })),
        "split" => new JsonArray(Text(args[0])
            .Split(args[1] is JsonArray delimiters ? delimiters.Select(Text).ToArray() : [Text(args[1])], StringSplitOptions.None)
            .Select(part => (JsonNode)JsonValue.Create(part))
            .ToArray()),
        "trim" => JsonValue.Create(Text(args[0]).Trim()),
        "tolower" => JsonValue.Create(Text(args[0]).ToLowerInvariant()),
        "toupper" => JsonValue.Create(Text(args[0]).ToUpperInvariant()),
        "string" => JsonValue.Create(args[0] is JsonValue ? Text(args[0]) : args[0]?.ToJsonString() ?? "null"),
        "uniquestring" => JsonValue.Create(UniqueString(args.Select(Text))),
        "subscription" => new JsonObject
        {
            ["id"] = $"/subscriptions/{SubscriptionId}",
            ["subscriptionId"] = SubscriptionId,
            ["tenantId"] = TenantId,
        },
        "tenant" => new JsonObject { ["tenantId"] = TenantId },
        "resourceid" or "subscriptionresourceid" or "extensionresourceid" => JsonValue.Create("/" + string.Join('/', args.Select(Text))),
        _ => throw new NotSupportedException($"The ARM function '{name}' is not supported by the tests' evaluator: add it to {nameof(ArmFunctions)}."),
    };

    /// <summary>The value as ARM turns it into text (format, concat, property names).</summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "True" : "False",
        JsonValue value => Convert.ToString(value.GetValue<long>(), CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };

    public static bool IsTrue(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<bool>(out var flag)
            ? flag
            : throw new InvalidOperationException($"Expected a boolean, found {node?.ToJsonString() ?? "null"}.");

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonObject obj => obj.Count == 0,
        JsonValue value when value.TryGetValue<string>(out var text) => text.Length == 0,
        _ => false,
    };

    private static bool Contains(JsonNode? container, JsonNode? item) => container switch
    {
        JsonArray array => array.Any(element => JsonNode.DeepEquals(element, item)),
        JsonObject obj => obj.Any(pair => string.Equals(pair.Key, Text(item), StringComparison.OrdinalIgnoreCase)),
        _ => Text(container).Contains(Text(item), StringComparison.Ordinal),
    };

    private static JsonNode Union(IReadOnlyList<JsonNode?> args)
    {
        if (args[0] is JsonArray)
        {
            var union = new List<JsonNode?>();
            foreach (var item in args.SelectMany(a => a!.AsArray()))
            {
                if (!union.Any(existing => JsonNode.DeepEquals(existing, item)))
                {
                    union.Add(item?.DeepClone());
                }
            }

            return new JsonArray(union.ToArray());
        }

        var merged = new JsonObject();
        foreach (var (key, value) in args.SelectMany(a => a!.AsObject()))
        {
            merged[key] = value?.DeepClone();
        }

        return merged;
    }

    /// <summary>13 lower-case characters, stable for the same inputs, like Resource Manager's (not the same hash).</summary>
    private static string UniqueString(IEnumerable<string> parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts)));
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        return string.Concat(hash.Take(13).Select(b => Alphabet[b % Alphabet.Length]));
    }
}
