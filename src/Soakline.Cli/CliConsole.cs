namespace Soakline.Cli;

/// <summary>Where the CLI writes, and whether standard output is a terminal (live display) or a pipe or file (lines).</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool IsTerminal, int Width = CliConsole.PipeWidth)
{
    /// <summary>Wide enough that a table written to a pipe or a log keeps each row on one line for grep.</summary>
    public const int PipeWidth = 240;

    public static CliConsole FromSystemConsole() =>
        new(Console.Out, Console.Error, !Console.IsOutputRedirected, Console.IsOutputRedirected ? PipeWidth : Math.Max(40, SafeWindowWidth()));

    private static int SafeWindowWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return PipeWidth;
        }
    }
}
