using System.Text;
using System.Text.RegularExpressions;

namespace Soakline.Integrations.Deploy.Shell;

/// <summary>
/// Environment variables for a deploy or restart hook, carried on the hook's standard input instead of its command
/// line, so that values (secrets, branch names) are never parsed by a shell, never visible in <c>ps</c> on the host
/// and never written to a log together with the command.
/// </summary>
/// <remarks>
/// Wire format: one line per variable, <c>NAME BASE64(value)</c>. <see cref="LoaderScript"/> reads the lines and
/// exports each decoded value as data (inside double quotes after a command substitution, where no further parsing
/// happens), then changes to the directory given as <c>$1</c> and executes the hook given as <c>$2</c>.
/// Base64 makes newlines, quotes and <c>$</c> harmless on the way; a command substitution drops trailing newlines
/// of a value, which is the one known change a value can undergo.
/// </remarks>
internal sealed partial class HookEnvironment
{
    private readonly SortedDictionary<string, string> _variables = new(StringComparer.Ordinal);

    internal static readonly ShellScript LoaderScript = ShellScript.Builtin(
        "while read -r soakline_name soakline_value; do " +
        "export \"$soakline_name=$(printf '%s' \"$soakline_value\" | base64 -d)\" || exit 97; " +
        "done; cd \"$1\" && exec sh -c \"$2\"");

    public IReadOnlyDictionary<string, string> Variables => _variables;

    /// <summary>Adds a variable; the error names <paramref name="field"/> when the name is not a plain identifier.</summary>
    public HookEnvironment Set(string name, string value, string field = "Environment")
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!NamePattern().IsMatch(name ?? ""))
        {
            throw new ArgumentException($"{field}: '{name}' is not a valid environment variable name ([A-Za-z_][A-Za-z0-9_]*).", field);
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{field}: the value of '{name}' contains a NUL character.", field);
        }

        _variables[name!] = value;
        return this;
    }

    /// <summary>The standard input that <see cref="LoaderScript"/> reads.</summary>
    public string ToStandardInput()
    {
        var text = new StringBuilder();
        foreach (var (name, value) in _variables)
        {
            text.Append(name).Append(' ').Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(value))).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The hook, run in <paramref name="workingDirectory"/> with these variables exported.</summary>
    public static ShellCommand HookCommand(RemotePath workingDirectory, ShellScript hook) =>
        ShellCommand.RunScript(LoaderScript, workingDirectory, hook);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
