using System.Diagnostics;

namespace Soakline.Demo.Kit.Processes;

/// <summary>Runs short commands (git, the repository script) and returns their output; a non-zero exit is an error naming the command.</summary>
public static class Shell
{
    public static async Task<string> RunAsync(string workingDirectory, string fileName, params string[] arguments)
    {
        var start = ProcessStarts.For(fileName, arguments, workingDirectory);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {(await error.ConfigureAwait(false)).Trim()}");
        }

        return (await output.ConfigureAwait(false)).Trim();
    }
}
