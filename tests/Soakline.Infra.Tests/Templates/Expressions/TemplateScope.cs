using System.Text.Json.Nodes;

namespace Soakline.Infra.Tests.Templates.Expressions;

/// <summary>
/// Evaluates the expressions of one compiled template (main.bicep, or a module's nested template) the way Resource
/// Manager would for given parameter values: parameters, variables, lambdas and the data functions the templates use.
/// Anything that needs a deployed resource goes through <c>reference</c>, which the caller answers (a module's outputs).
/// An unsupported function fails the test by name rather than being guessed.
/// </summary>
internal sealed class TemplateScope
{
    private readonly JsonObject _template;
    private readonly IReadOnlyDictionary<string, JsonNode?> _parameters;
    private readonly Func<string, JsonNode?> _reference;
    private readonly Dictionary<string, JsonNode?> _variables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Stack<(string Name, JsonNode? Value)> _lambdaVariables = new();

    /// <param name="reference">Answers <c>reference(name)</c>: the symbolic name (or resource id) of what is referenced.</param>
    public TemplateScope(JsonObject template, IReadOnlyDictionary<string, JsonNode?> parameters, Func<string, JsonNode?> reference)
    {
        _template = template;
        _parameters = parameters;
        _reference = reference;
    }

    /// <summary>A JSON value of the template with every expression in it (values and property names) evaluated.</summary>
    public JsonNode? Resolve(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => ArmExpression.IsExpression(text)
            ? Evaluate(ArmExpression.Parse(text))
            : JsonValue.Create(text.StartsWith("[[", StringComparison.Ordinal) ? text[1..] : text),
        JsonObject obj => new JsonObject(obj.Select(pair => KeyValuePair.Create(
            ArmExpression.IsExpression(pair.Key) ? ArmFunctions.Text(Evaluate(ArmExpression.Parse(pair.Key))) : pair.Key,
            Resolve(pair.Value)))),
        JsonArray array => new JsonArray(array.Select(Resolve).ToArray()),
        _ => node.DeepClone(),
    };

    public JsonNode? Parameter(string name)
    {
        if (_parameters.TryGetValue(name, out var value))
        {
            return value?.DeepClone();
        }

        var declaration = _template["parameters"]?[name]
            ?? throw new InvalidOperationException($"The template declares no parameter '{name}'.");
        return declaration.AsObject().ContainsKey("defaultValue")
            ? Resolve(declaration["defaultValue"])
            : throw new InvalidOperationException($"Parameter '{name}' has no value and no default.");
    }

    public JsonNode? Variable(string name)
    {
        if (!_variables.TryGetValue(name, out var value))
        {
            var declared = _template["variables"]?.AsObject();
            if (declared is null || !declared.ContainsKey(name))
            {
                throw new InvalidOperationException($"The template declares no variable '{name}'.");
            }

            value = Resolve(declared[name]);
            _variables[name] = value;
        }

        return value?.DeepClone();
    }

    private JsonNode? Evaluate(ArmExpression expression) => expression switch
    {
        ArmExpression.Literal literal => literal.Value.DeepClone(),
        ArmExpression.Member member => Evaluate(member.Target) is JsonObject target
            ? target.FirstOrDefault(pair => string.Equals(pair.Key, member.Name, StringComparison.OrdinalIgnoreCase)).Value?.DeepClone()
                ?? throw new InvalidOperationException($"No property '{member.Name}' in {target.ToJsonString()}.")
            : throw new InvalidOperationException($"'.{member.Name}' on something that is not an object."),
        ArmExpression.Index index => IndexInto(Evaluate(index.Target), Evaluate(index.Key)),
        ArmExpression.Call call => Call(call),
        _ => throw new NotSupportedException(expression.ToString()),
    };

    private static JsonNode? IndexInto(JsonNode? target, JsonNode? key) => (target, key) switch
    {
        (JsonObject obj, _) => obj.FirstOrDefault(pair => string.Equals(pair.Key, ArmFunctions.Text(key), StringComparison.OrdinalIgnoreCase)).Value?.DeepClone(),
        (JsonArray array, _) => array[(int)key!.GetValue<long>()]?.DeepClone(),
        _ => throw new InvalidOperationException("Indexing something that is neither an object nor an array."),
    };

    private JsonNode? Call(ArmExpression.Call call)
    {
        var args = call.Arguments;
        switch (call.Name.ToLowerInvariant())
        {
            case "parameters":
                return Parameter(ArmFunctions.Text(Evaluate(args[0])));
            case "variables":
                return Variable(ArmFunctions.Text(Evaluate(args[0])));
            case "lambdavariables":
                var name = ArmFunctions.Text(Evaluate(args[0]));
                return _lambdaVariables.First(v => v.Name == name).Value?.DeepClone();
            case "if":
                // Lazy, as in Resource Manager: the branch not taken may reference what does not exist.
                return ArmFunctions.IsTrue(Evaluate(args[0])) ? Evaluate(args[1]) : Evaluate(args[2]);
            case "filter":
                return new JsonArray(Items(Evaluate(args[0])).Where(item => ArmFunctions.IsTrue(Apply(args[1], item))).Select(item => item?.DeepClone()).ToArray());
            case "map":
                return new JsonArray(Items(Evaluate(args[0])).Select(item => Apply(args[1], item)).ToArray());
            case "reference":
                return _reference(ArmFunctions.Text(Evaluate(args[0])));
            default:
                return ArmFunctions.Call(call.Name, args.Select(Evaluate).ToList());
        }
    }

    /// <summary>Applies <c>lambda('name', body)</c> to one item.</summary>
    private JsonNode? Apply(ArmExpression lambda, JsonNode? item)
    {
        if (lambda is not ArmExpression.Call { Name: var name, Arguments: [ArmExpression.Literal parameter, var body] } || !name.Equals("lambda", StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException($"Expected a one-parameter lambda, found {lambda}.");
        }

        _lambdaVariables.Push((ArmFunctions.Text(parameter.Value), item));
        try
        {
            return Evaluate(body);
        }
        finally
        {
            _lambdaVariables.Pop();
        }
    }

    private static IEnumerable<JsonNode?> Items(JsonNode? array) =>
        array as JsonArray ?? throw new InvalidOperationException("filter() and map() need an array.");
}
