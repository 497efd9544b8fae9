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
    // An empty document after a document marker: the "expected a mapping" error came on the line after the last one
    // (./run proof's fuzzing, seed 3Em74ys5m2x2).
    [InlineData("\n---")]
    [InlineData("---")]
    [InlineData("---\n")]
    [InlineData("version: 1\n---")]
    public void A_document_the_yaml_node_model_refuses_is_an_error_on_a_line_of_the_document(string yaml)
    {
        var result = PipelineSpecLoader.Load(yaml);

        Assert.Null(result.Spec);
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, e => Assert.InRange(e.Line, 1, yaml.Split('\n').Length));
    }

    [Theory]
    // NCrontab's TryParse threw an OverflowException for a step beyond Int32 and the loader threw (./run proof, seed arhIpZojVHK2).
    [InlineData("0 */599999999999999999999 8-17 * * 1-5", 3)]
    [InlineData("99999999999 * * * *", 3)]
    public void A_monitoring_schedule_with_a_number_out_of_range_is_an_error_on_its_line(string schedule, int line)
    {
        var yaml = $"version: 1\nmonitoring:\n  businessHours: \"{schedule}\"\n";

        var result = PipelineSpecLoader.Load(yaml);

        Assert.Null(result.Spec);
        var error = Assert.Single(result.Errors, e => e.Message.Contains("out of range", StringComparison.Ordinal));
        Assert.Equal(line, error.Line);
        Assert.Contains(schedule, error.Message, StringComparison.Ordinal);
    }
}
