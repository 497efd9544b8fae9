using System.Text.RegularExpressions;
using Soakline.Pipeline.Domain;

namespace Soakline.Integrations.Deploy.Shell;

/// <summary>
/// One word of a command line. It can only be made from something already validated (a <see cref="RemotePath"/>, a
/// <see cref="ReleaseId"/>, a <see cref="ShellScript"/>) or from a short option or literal matching a conservative
/// pattern, and it is always rendered single-quoted: validation and quoting both have to fail for text to escape.
/// </summary>
public readonly partial struct ShellArgument : IEquatable<ShellArgument>
{
    private ShellArgument(string text) => Text = text;

    /// <summary>The unquoted word.</summary>
    public string Text { get; }

    public string Quoted => ShellQuoting.Quote(Text);

    public static ShellArgument Path(RemotePath path) => new((path ?? throw new ArgumentNullException(nameof(path))).Value);

    public static ShellArgument Release(ReleaseId release) => new((release ?? throw new ArgumentNullException(nameof(release))).Value);

    public static ShellArgument Script(ShellScript script) => new((script ?? throw new ArgumentNullException(nameof(script))).Text);

    /// <summary>A command option such as <c>-p</c>, <c>-sfn</c> or <c>--strip-components=1</c>.</summary>
    public static ShellArgument Option(string option) =>
        OptionPattern().IsMatch(option ?? "") ? new(option!) : throw new ArgumentException($"'{option}' is not a plain option.", nameof(option));

    /// <summary>A fixed word from Soakline's code (e.g. a program's <c>$0</c> name or a signal name).</summary>
    public static ShellArgument Literal(string word) =>
        LiteralPattern().IsMatch(word ?? "") ? new(word!) : throw new ArgumentException($"'{word}' is not a plain literal.", nameof(word));

    public static implicit operator ShellArgument(RemotePath path) => Path(path);

    public static implicit operator ShellArgument(ReleaseId release) => Release(release);

    public static implicit operator ShellArgument(ShellScript script) => Script(script);

    public static ShellArgument FromRemotePath(RemotePath path) => Path(path);

    public static ShellArgument FromReleaseId(ReleaseId release) => Release(release);

    public static ShellArgument FromShellScript(ShellScript script) => Script(script);

    public bool Equals(ShellArgument other) => string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is ShellArgument other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text ?? "");

    public static bool operator ==(ShellArgument left, ShellArgument right) => left.Equals(right);

    public static bool operator !=(ShellArgument left, ShellArgument right) => !left.Equals(right);

    public override string ToString() => Quoted;

    [GeneratedRegex("^-{1,2}[A-Za-z0-9][A-Za-z0-9-]*(=[A-Za-z0-9._-]+)?$|^--$", RegexOptions.CultureInvariant)]
    private static partial Regex OptionPattern();

    [GeneratedRegex("^[A-Za-z0-9_.:%+-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex LiteralPattern();
}
