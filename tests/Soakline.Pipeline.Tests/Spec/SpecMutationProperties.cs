using System.Text.RegularExpressions;
using CsCheck;
using Soakline.Pipeline.Spec.Loading;
using Soakline.Tests.Properties;

namespace Soakline.Pipeline.Tests.Spec;

/// <summary>
/// <c>.soakline.yml</c> documents mutated from valid ones (the documented examples, the demo's spec, the tests' minimal
/// spec): characters deleted and inserted, lines dropped, doubled, swapped and re-indented. Whatever the text, the
/// loader returns a spec or a list of errors, each on a line of the document, and never throws.
/// </summary>
public sealed partial class SpecMutationProperties
{
    /// <summary>YAML's syntax characters and values that stress the readers (huge numbers, odd durations, anchors).</summary>
    private static readonly string[] Fragments =
    [
        ":", ": ", "- ", "[", "]", "{", "}", "#", "&a ", "*a", "!!str ", "!!binary ", "|", ">", "'", "\"", "%", "@", "`",
        "\t", "\n", "\r", "\r\n", "  ", ",", "? ", "~", "null", "0", "-1", "1e400", "99999999999999999999", "5%", "30m",
        "-5m", "1.5", "é", "\u0085", "\u2028", "\uFEFF", "<<: *a\n", "---\n", "...\n", "version: 2\n", "key: [a, {b: c}]",
        "\"unterminated", "'it''s'", "? complex\n: key\n", "*undefined", "!<tag:yaml.org,2002:int> x",
    ];

    private static readonly Lazy<string[]> ValidDocuments = new(() =>
    [
        .. DocumentedSpecTests.DocumentedYamlBlocks(),
        File.ReadAllText(Path.Combine(SpecText.RepositoryRoot(), "samples", "demo-repo", ".soakline.yml")),
        SpecText.Valid(),
    ]);

    private static readonly Gen<SpecEdit> Edit = Gen.Select(Gen.Int[0, 7], Gen.Int[0, int.MaxValue], Gen.Int[0, Fragments.Length - 1], Gen.Int[1, 40])
        .Select((kind, position, fragment, length) => new SpecEdit(kind, position, Fragments[fragment], length));

    private static readonly Gen<(int Document, SpecEdit[] Edits)> Mutation = Gen.Select(Gen.Int[0, 3], Edit.Array[1, 6]);

    [Fact]
    public void The_valid_documents_the_mutations_start_from_are_valid()
    {
        Assert.All(ValidDocuments.Value, yaml => Assert.True(PipelineSpecLoader.Load(yaml).IsValid));
    }

    [Fact]
    public void A_mutated_document_loads_as_a_spec_or_as_errors_each_on_a_line_of_the_document()
    {
        PropertyRun.Check(Mutation, mutation =>
        {
            var yaml = Apply(mutation.Document, mutation.Edits);
            AssertSpecOrLinePreciseErrors(yaml);
        }, normalCases: 300, print: mutation => Apply(mutation.Document, mutation.Edits));
    }

    [Fact]
    public void Random_text_loads_as_errors_and_never_throws()
    {
        var text = Gen.String[Gen.Char["abc:-[]{}#&*!|>'\"%@`\t\n ,?~01é"], 0, 200];
        PropertyRun.Check(text, AssertSpecOrLinePreciseErrors, normalCases: 200);
    }

    private static void AssertSpecOrLinePreciseErrors(string yaml)
    {
        var result = PipelineSpecLoader.Load(yaml);

        if (result.Spec is not null)
        {
            Assert.Empty(result.Errors);
            return;
        }

        Assert.NotEmpty(result.Errors);
        var lines = LineBreak().Split(yaml).Length;
        Assert.All(result.Errors, error =>
        {
            Assert.InRange(error.Line, 1, lines);
            Assert.True(error.Column >= 1, $"column {error.Column} of {error}");
            Assert.False(string.IsNullOrWhiteSpace(error.Message), $"an error without a message: {error}");
        });
    }

    private static string Apply(int document, SpecEdit[] edits)
    {
        var yaml = ValidDocuments.Value[document % ValidDocuments.Value.Length];
        foreach (var edit in edits)
        {
            yaml = edit.ApplyTo(yaml);
        }

        return yaml;
    }

    // Every line break YAML knows (YAML 1.1 counts NEL and the Unicode line and paragraph separators), so an error on
    // a line after one of them is still inside the document.
    [GeneratedRegex("\r\n|\r|\n|\u0085|\u2028|\u2029")]
    private static partial Regex LineBreak();
}
