using System.Text.Json.Nodes;

namespace Soakline.Infra.Tests.Templates.Expressions;

/// <summary>The evaluator the deployment tests rely on, on the constructs whose semantics are easy to get wrong.</summary>
public sealed class TemplateScopeTests
{
    private static TemplateScope Scope(string templateJson, Dictionary<string, JsonNode?>? parameters = null) =>
        new(JsonNode.Parse(templateJson)!.AsObject(), parameters ?? [], name => throw new InvalidOperationException($"Unexpected reference to {name}."));

    private static JsonNode? Evaluate(TemplateScope scope, string expression) => scope.Resolve(JsonValue.Create(expression));

    [Fact]
    public void Quotes_escaped_in_literals_and_a_doubled_bracket_are_text()
    {
        var scope = Scope("{}");

        Assert.Equal("it's [x]", (string?)Evaluate(scope, "[format('it''s {0}', '[x]')]"));
        Assert.Equal("[not an expression]", (string?)Evaluate(scope, "[[not an expression]"));
    }

    [Fact]
    public void Parameters_fall_back_to_their_defaults_and_variables_see_them()
    {
        var scope = Scope("""
            {
              "parameters": { "a": { "type": "string", "defaultValue": "" }, "b": { "type": "string", "defaultValue": "B" } },
              "variables": { "both": "[concat(parameters('a'), '-', parameters('b'))]" }
            }
            """, new() { ["a"] = JsonValue.Create("A") });

        Assert.Equal("A-B", (string?)Evaluate(scope, "[variables('both')]"));
    }

    [Fact]
    public void Filter_and_map_apply_their_lambda_to_each_item()
    {
        var scope = Scope("""{ "variables": { "items": [ { "name": "x", "value": "" }, { "name": "y", "value": "1" } ] } }""");

        var names = Evaluate(scope, "[map(filter(variables('items'), lambda('i', not(empty(lambdaVariables('i').value)))), lambda('i', lambdaVariables('i').name))]");

        Assert.Equal("""["y"]""", names!.ToJsonString());
    }

    [Fact]
    public void If_evaluates_only_the_branch_taken()
    {
        var scope = Scope("{}");

        Assert.Equal("taken", (string?)Evaluate(scope, "[if(empty(''), 'taken', reference('nothing').outputs.x.value)]"));
    }

    [Fact]
    public void An_unknown_function_fails_by_name()
    {
        var error = Assert.Throws<NotSupportedException>(() => Evaluate(Scope("{}"), "[dateTimeAdd('2026-01-01', 'P1D')]"));

        Assert.Contains("'dateTimeAdd'", error.Message, StringComparison.Ordinal);
    }
}
