namespace Soakline.Cli;

/// <summary>
/// A failure the CLI explains to the user in one message and an exit code (<see cref="ExitCodes"/>). Messages are
/// written for the person at the terminal and never contain the API key.
/// </summary>
internal sealed class CliException(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}
