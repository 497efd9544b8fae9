using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Soakline.Functions.Webhooks;
using Soakline.Tests.Properties;

namespace Soakline.Functions.Tests.Webhooks;

/// <summary>
/// Full github.com deliveries with one value anywhere in them swapped for a value of any JSON type (huge and negative
/// numbers, fractions, timestamps out of range, objects, arrays, nulls): reading them through Octokit's models gives an
/// event, nothing, or a <see cref="WebhookPayloadException"/> whose message leads with the field it names; never any
/// other exception, which the webhook would answer with a 500.
/// </summary>
public sealed class GitHubPayloadReaderProperties
{
    private static readonly (string Event, string Body, Func<JsonElement, object?> Read)[] Deliveries =
    [
        ("push", GitHubPayloadShapes.Push(), e => GitHubPayloadReader.ReadPush(e)),
        ("workflow_run", GitHubPayloadShapes.WorkflowRun(), e => GitHubPayloadReader.ReadWorkflowRun(e)),
        ("check_suite", GitHubPayloadShapes.CheckSuite(), e => GitHubPayloadReader.ReadCheckSuite(e)),
        ("ping", GitHubPayloadShapes.Ping(), e => GitHubPayloadReader.ReadPingZen(e)),
    ];

    private static readonly Gen<string> Replacement = Gen.OneOf(
        Gen.OneOf("null", "true", "false", "{}", "[]", "[1,\"a\"]", "{\"x\":{\"y\":[]}}", "\"\"", "\"not a time\"", "\"2026-13-45T99:00:00Z\""),
        Gen.OneOf("0", "-1", "1e30", "-1e30", "0.5", "2147483648", "9223372036854775808", "99999999999999999999999", "253402300800"),
        Gen.Long.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "1"),
        Gen.String.Select(s => JsonSerializer.Serialize(s)));

    private static readonly Gen<(int Delivery, int Position, string Value)> Mutation =
        Gen.Select(Gen.Int[0, Deliveries.Length - 1], Gen.Int[0, int.MaxValue], Replacement);

    [Fact]
    public void Any_value_of_any_type_anywhere_reads_or_is_a_payload_error_never_another_exception()
    {
        PropertyRun.Check(Mutation, mutation =>
        {
            var (eventName, body, read) = Deliveries[mutation.Delivery];
            using var document = JsonDocument.Parse(Mutate(body, mutation.Position, mutation.Value));
            try
            {
                read(document.RootElement);
            }
            catch (WebhookPayloadException ex)
            {
                Assert.True(ex.Field is null || ex.Message.StartsWith(ex.Field + ": ", StringComparison.Ordinal), $"{eventName}: {ex.Message}");
            }
        }, normalCases: 400, print: m => $"{Deliveries[m.Delivery].Event} value #{m.Position} := {m.Value}");
    }

    /// <summary>The body with its value number <paramref name="position"/> (in document order, modulo their count) replaced.</summary>
    private static string Mutate(string body, int position, string value)
    {
        var root = JsonNode.Parse(body)!;
        var values = new List<JsonNode>();
        Collect(root, values);
        var target = values[position % values.Count];
        var replacement = JsonNode.Parse(value);
        switch (target.Parent)
        {
            case JsonObject parent:
                parent[target.GetPropertyName()] = replacement;
                break;
            case JsonArray array:
                array[target.GetElementIndex()] = replacement;
                break;
        }

        return root.ToJsonString();
    }

    private static void Collect(JsonNode node, List<JsonNode> values)
    {
        if (node.Parent is not null)
        {
            values.Add(node);
        }

        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            Collect(child, values);
        }
    }
}
