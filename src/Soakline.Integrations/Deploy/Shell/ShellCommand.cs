using System.Text;
using System.Text.RegularExpressions;

namespace Soakline.Integrations.Deploy.Shell;

/// <summary>
/// A complete command line for <c>/bin/sh</c>, built only from a program name and <see cref="ShellArgument"/>s and
/// joined with <c>&amp;&amp;</c>. This is the single place where remote and local command text is produced.
/// </summary>
/// <remarks>
/// The text contains no secrets by construction (environment values travel on standard input, see
/// <see cref="HookEnvironment"/>), so it may be logged as is.
/// </remarks>
public sealed partial class ShellCommand
{
    private ShellCommand(string text) => Text = text;

    public string Text { get; }

    /// <summary>Runs <paramref name="program"/> (a bare name from Soakline's code, looked up on PATH) with arguments.</summary>
    public static ShellCommand Run(string program, params ShellArgument[] arguments)
    {
        if (!ProgramPattern().IsMatch(program ?? ""))
        {
            throw new ArgumentException($"'{program}' is not a plain program name.", nameof(program));
        }

        return new ShellCommand(Render(program!, arguments));
    }

    /// <summary>Runs the program at a validated path (e.g. a configured nginx binary).</summary>
    public static ShellCommand Run(RemotePath program, params ShellArgument[] arguments)
    {
        ArgumentNullException.ThrowIfNull(program);
        return new ShellCommand(Render(ShellQuoting.Quote(program.Value), arguments));
    }

    /// <summary>Runs <paramref name="script"/> with <c>sh -c</c>; <paramref name="arguments"/> become <c>$1</c>, <c>$2</c>, ...</summary>
    public static ShellCommand RunScript(ShellScript script, params ShellArgument[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var all = new ShellArgument[arguments.Length + 3];
        all[0] = ShellArgument.Option("-c");
        all[1] = ShellArgument.Script(script);
        all[2] = ShellArgument.Literal("soakline"); // $0, which shells use in their own error messages
        arguments.CopyTo(all, 3);
        return Run("sh", all);
    }

    /// <summary>This command, then <paramref name="next"/> only if this one succeeded.</summary>
    public ShellCommand And(ShellCommand next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return new ShellCommand($"{Text} && {next.Text}");
    }

    /// <summary>This command, then <paramref name="next"/> whatever this one returned.</summary>
    public ShellCommand Then(ShellCommand next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return new ShellCommand($"{Text}; {next.Text}");
    }

    /// <summary>Redirects standard output into a file (used with <c>cat</c> to write standard input to a file).</summary>
    public ShellCommand WritingOutputTo(RemotePath file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new ShellCommand($"{Text} > {ShellQuoting.Quote(file.Value)}");
    }

    /// <summary>Discards standard error (for probes whose failure is an expected answer, like a missing link).</summary>
    public ShellCommand WithoutErrorOutput() => new($"{Text} 2>/dev/null");

    public override string ToString() => Text;

    private static string Render(string program, ShellArgument[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var text = new StringBuilder(program);
        foreach (var argument in arguments)
        {
            text.Append(' ').Append(argument.Quoted);
        }

        return text.ToString();
    }

    [GeneratedRegex("^[a-z][a-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ProgramPattern();
}
