using System.Text.Json;
using System.Text.RegularExpressions;
using Soakline.Pipeline.Spec.Loading;

namespace Soakline.Pipeline.Tests.Spec;

/// <summary>
/// The editor schema must describe the same keys the loader accepts: for each section, the schema's properties are
/// compared with the keys the loader lists when it rejects an unknown one.
/// </summary>
public sealed partial class JsonSchemaTests
{
    private static JsonElement Schema()
    {
        var text = File.ReadAllText(Path.Combine(SpecText.RepositoryRoot(), "schemas", "soakline.schema.json"));
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public void Schema_is_valid_json_of_draft_2020_12_and_covers_every_top_level_key()
    {
        var schema = Schema();

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.GetProperty("$schema").GetString());
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
        var properties = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(
            ["analysis", "approval", "branches", "components", "environments", "gates", "monitoring", "notifications", "retention", "strategy", "version"],
            properties);
        Assert.Equal(KnownKeys(SpecText.Valid("zzz: 1\n")), properties);
    }

    public static TheoryData<string, string> Sections() => new()
    {
        { "/properties/branches/items", SpecText.Valid("branches:\n  - pattern: main\n    mode: ignore\n    zzz: 1\n") },
        { "/properties/environments/additionalProperties", SpecText.Valid("environments:\n  staging:\n    kind: staging\n    zzz: 1\n  production:\n    kind: production\n") },
        { "/properties/components/additionalProperties", SpecText.Valid().Replace("    releaseRoot: /srv/api\n", "    releaseRoot: /srv/api\n    zzz: 1\n", StringComparison.Ordinal) },
        { "/properties/components/additionalProperties/properties/health", SpecText.Valid().Replace("url: http://{host}/health", "url: http://{host}/health\n      zzz: 1", StringComparison.Ordinal) },
        { "/properties/gates", SpecText.Valid("gates:\n  zzz: 1\n") },
        { "/properties/gates/properties/e2e", SpecText.Valid("gates:\n  e2e:\n    workflow: e2e.yml\n    zzz: 1\n") },
        { "/properties/approval", SpecText.Valid().Replace("  approvers: [ops@example.com]\n", "  approvers: [ops@example.com]\n  zzz: 1\n", StringComparison.Ordinal) },
        { "/properties/strategy", SpecText.Valid("strategy:\n  zzz: 1\n") },
        { "/properties/analysis", SpecText.Valid("analysis:\n  zzz: 1\n") },
        { "/properties/analysis/properties/metrics/items", SpecText.Valid("analysis:\n  metrics:\n    - name: e\n      query: q\n      max: 1\n      zzz: 1\n") },
        { "/properties/retention", SpecText.Valid("retention:\n  zzz: 1\n") },
        { "/properties/notifications", SpecText.Valid("notifications:\n  zzz: 1\n") },
        { "/properties/notifications/properties/channels/additionalProperties", SpecText.Valid("notifications:\n  channels:\n    ops:\n      type: slack\n      webhookSecret: hook\n      zzz: 1\n") },
        { "/properties/notifications/properties/routes", SpecText.Valid("notifications:\n  routes:\n    zzz: []\n") },
        { "/properties/monitoring", SpecText.Valid("monitoring:\n  zzz: 1\n") },
        { "/properties/monitoring/properties/checks/items", SpecText.Valid("monitoring:\n  checks:\n    - name: d\n      type: dns\n      environment: production\n      host: example.com\n      zzz: 1\n") },
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void Schema_section_lists_exactly_the_keys_the_loader_accepts(string pointer, string yamlWithUnknownKey)
    {
        var section = Schema();
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            section = section.GetProperty(segment);
        }

        Assert.False(section.GetProperty("additionalProperties").GetBoolean());
        var schemaKeys = section.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(KnownKeys(yamlWithUnknownKey), schemaKeys);
    }

    private static IEnumerable<string> KnownKeys(string yamlWithUnknownKey)
    {
        var error = Assert.Single(PipelineSpecLoader.Load(yamlWithUnknownKey).Errors, e => e.Path.EndsWith("zzz", StringComparison.Ordinal));
        var known = KnownKeysPattern().Match(error.Message);
        Assert.True(known.Success, error.Message);
        return known.Groups[1].Value.Split(", ").Order(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"known keys here: ([^)]*)\)")]
    private static partial Regex KnownKeysPattern();
}
