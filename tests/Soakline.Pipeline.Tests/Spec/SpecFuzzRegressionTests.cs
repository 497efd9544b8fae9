using Soakline.Pipeline.Spec.Loading;

namespace Soakline.Pipeline.Tests.Spec;

/// <summary>
/// Documents the spec fuzzer (<see cref="SpecMutationProperties"/>) found the loader mishandling, kept as they were
/// found: each loads as errors on a line of the document.
/// </summary>
public sealed class SpecFuzzRegressionTests
{
    [Theory]
    // The text ends inside a flow sequence: YamlDotNet reported it on the line after the last one.
    [InlineData("version: 1\napproval:\n  approvers: [o", 3)]
    [InlineData("[a&``#>~*@%`&b>1\t,??\"b", 1)]
    public void A_document_that_ends_inside_a_flow_collection_is_an_error_on_the_line_of_its_bracket(string yaml, int line)
    {
        var result = PipelineSpecLoader.Load(yaml);

        Assert.Null(result.Spec);
        var error = Assert.Single(result.Errors);
        Assert.Equal(line, error.Line);
    }

    [Theory]
    // YamlDotNet's node model threw a positionless ArgumentException ("the current event is of an unsupported type").
    [InlineData("version: 1\ncomponents:\n  app:\n    paths: [\"**\"]\n:")]
    // A missing key before a '[' on the last line: the block mapping's error came on the line after the last one (./run proof, seed bWKV0itgdLq1).
    [InlineData("approval:\n  approvers: [ops@example.com]\ncomponents:\n  : [")]
    public void A_document_the_yaml_node_model_refuses_is_an_error_on_a_line_of_the_document(string yaml)
    {
        var result = PipelineSpecLoader.Load(yaml);

        Assert.Null(result.Spec);
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, e => Assert.InRange(e.Line, 1, yaml.Split('\n').Length));
    }
}
