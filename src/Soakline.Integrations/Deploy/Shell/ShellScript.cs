namespace Soakline.Integrations.Deploy.Shell;

/// <summary>
/// Shell code that is meant to be executed: a component's deploy or restart command from the pipeline spec, or one
/// of the builder's own fixed scripts. It always travels as ONE quoted argument of <c>sh -c</c>, so the outer
/// command line never parses it; only the inner shell runs it, as its author intended.
/// </summary>
/// <remarks>
/// A spec command is code written by the repository's owners, like a Makefile recipe; it is not a value. Values
/// (branch, commit, environment) never get spliced into it: they reach it as environment variables.
/// </remarks>
public sealed record ShellScript
{
    private ShellScript(string text) => Text = text;

    public string Text { get; }

    /// <summary>A command from the pipeline spec; the error names <paramref name="field"/>.</summary>
    public static ShellScript FromSpec(string text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException($"{field}: the command is empty.", field);
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{field}: the command contains a NUL character.", field);
        }

        return new ShellScript(text);
    }

    /// <summary>A script that is part of Soakline's own code (a compile-time constant).</summary>
    internal static ShellScript Builtin(string text) => new(text);

    public override string ToString() => Text;
}
