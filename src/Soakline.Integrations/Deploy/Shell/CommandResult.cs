namespace Soakline.Integrations.Deploy.Shell;

/// <summary>What one command on a host returned.</summary>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The end of standard error (or output when error is empty), for error messages: hooks can be chatty.</summary>
    public string Tail(int maxCharacters = 400)
    {
        var text = (string.IsNullOrWhiteSpace(StandardError) ? StandardOutput : StandardError).Trim();
        return text.Length <= maxCharacters ? text : "..." + text[^maxCharacters..];
    }
}
