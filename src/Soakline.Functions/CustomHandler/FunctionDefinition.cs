namespace Soakline.Functions.CustomHandler;

public enum TriggerKind
{
    Http,
    Queue,
    Timer,
}

/// <summary>One function folder's <c>function.json</c>, as far as the handler needs it.</summary>
/// <param name="TriggerBinding">The trigger's binding name: the key of its value in the invocation's <c>Data</c>.</param>
/// <param name="OutputBinding">The HTTP output binding's name (the key in <c>Outputs</c>); null for queue and timer functions.</param>
/// <param name="Setting">Queue name or timer schedule as written, possibly with <c>%app setting%</c> references.</param>
public sealed record FunctionDefinition(string Name, TriggerKind Trigger, string TriggerBinding, string? OutputBinding, string? Route, IReadOnlyList<string> Methods, string? AuthLevel, string? Setting);
