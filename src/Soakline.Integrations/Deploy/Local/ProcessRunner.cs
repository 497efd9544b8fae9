using System.Diagnostics;
using Soakline.Integrations.Deploy.Shell;

namespace Soakline.Integrations.Deploy.Local;

/// <summary>Runs a program on this machine with an argument list (never a command line), optional input and a time limit.</summary>
internal static class ProcessRunner
{
    public static async Task<CommandResult> RunAsync(
        string program, IEnumerable<string> arguments, string? standardInput, string? workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new DeployHostException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new DeployHostException($"{Path.GetFileName(program)} did not finish within {timeout}");
        }

        return new CommandResult(process.ExitCode, await output, await error);
    }
}
