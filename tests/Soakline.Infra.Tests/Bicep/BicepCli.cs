using System.Diagnostics;

namespace Soakline.Infra.Tests.Bicep;

/// <summary>
/// Runs the Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package. Build and lint need neither an
/// Azure login nor the network: the templates use local modules only.
/// </summary>
internal static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static Task<BicepRun> BuildToStdoutAsync(string bicepFile) => RunAsync("build", bicepFile, "--stdout");

    public static Task<BicepRun> LintAsync(string bicepFile) => RunAsync("lint", bicepFile);

    private static async Task<BicepRun> RunAsync(params string[] arguments)
    {
        var executable = RepositoryPaths.BicepExecutable;
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException(
                $"Bicep CLI not found at {executable}: run `dotnet restore` (package Azure.Bicep.CommandLine.linux-x64).");
        }

        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute))
        {
            throw new InvalidOperationException($"Bicep CLI at {executable} is not executable: chmod u+x \"{executable}\".");
        }

        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {executable}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(Timeout))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}.");
            }
        }

        return new BicepRun($"bicep {string.Join(' ', arguments)}", process.ExitCode, await stdout, await stderr);
    }
}
