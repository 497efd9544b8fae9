using System.Diagnostics;

namespace Soakline.Demo.Kit.Processes;

/// <summary>How the demo starts every process: no shell, output captured, arguments passed one by one (no quoting).</summary>
public static class ProcessStarts
{
    public static ProcessStartInfo For(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
