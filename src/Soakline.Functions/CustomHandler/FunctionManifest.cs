using System.Text.Json;

namespace Soakline.Functions.CustomHandler;

/// <summary>
/// The app's functions, read from the <c>functions/&lt;Name&gt;/function.json</c> files that ship next to the executable
/// (and at the package root for the Functions host), so the handler and the host agree on names, bindings and
/// schedules by construction.
/// </summary>
public sealed class FunctionManifest
{
    public const string FolderName = "functions";

    private readonly Dictionary<string, FunctionDefinition> _functions;

    private FunctionManifest(IEnumerable<FunctionDefinition> functions)
    {
        _functions = functions.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyCollection<FunctionDefinition> Functions => _functions.Values;

    /// <summary>
    /// Reads <c>functions/*/function.json</c> next to the executable (build output), or <c>*/function.json</c> beside it
    /// (the deployed package, where the folders sit at the root next to host.json).
    /// </summary>
    public static FunctionManifest Load(string? baseDirectory = null)
    {
        var directory = baseDirectory ?? AppContext.BaseDirectory;
        var root = Directory.Exists(Path.Combine(directory, FolderName)) ? Path.Combine(directory, FolderName) : directory;
        var functions = Directory.GetDirectories(root)
            .Select(folder => Path.Combine(folder, "function.json"))
            .Where(File.Exists)
            .Select(path => Parse(Path.GetFileName(Path.GetDirectoryName(path))!, File.ReadAllText(path)))
            .ToList();
        return functions.Count == 0
            ? throw new InvalidOperationException($"No function folders (*/function.json) under '{root}': they ship next to the executable.")
            : new FunctionManifest(functions);
    }

    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FunctionDefinition? function) =>
        _functions.TryGetValue(name, out function);

    public static FunctionDefinition Parse(string name, string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("bindings", out var bindings) || bindings.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"functions/{name}/function.json has no 'bindings' array.");
        }

        FunctionDefinition? definition = null;
        string? output = null;
        foreach (var binding in bindings.EnumerateArray())
        {
            var type = Text(binding, "type");
            var bindingName = Text(binding, "name") ?? throw new FormatException($"functions/{name}/function.json: a binding has no 'name'.");
            switch (type)
            {
                case "httpTrigger":
                    var methods = binding.TryGetProperty("methods", out var m) ? m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()).ToList() : [];
                    definition = new FunctionDefinition(name, TriggerKind.Http, bindingName, null, Text(binding, "route"), methods, Text(binding, "authLevel"), null);
                    break;
                case "queueTrigger":
                    definition = new FunctionDefinition(name, TriggerKind.Queue, bindingName, null, null, [], null, Text(binding, "queueName"));
                    break;
                case "timerTrigger":
                    definition = new FunctionDefinition(name, TriggerKind.Timer, bindingName, null, null, [], null, Text(binding, "schedule"));
                    break;
                case "http":
                    output = bindingName;
                    break;
                default:
                    throw new FormatException($"functions/{name}/function.json: binding type '{type}' is not one the handler serves.");
            }
        }

        return definition is null
            ? throw new FormatException($"functions/{name}/function.json has no trigger binding.")
            : definition with { OutputBinding = output };
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
