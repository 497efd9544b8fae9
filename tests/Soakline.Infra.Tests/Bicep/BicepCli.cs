using System.Diagnostics;

namespace Soakline.Infra.Tests.Bicep;

/// <summary>
/// Runs the Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package. Build and lint need neither an
/// Azure login nor the network: the templates use local modules only.
/// </summary>
internal static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    // Relative to the folder the CLI runs in; Bicep mirrors the matched files' folders under --outdir.
    private const string EveryBicepFile = "**/*.bicep";

    /// <summary>
    /// Compiles every .bicep file under <paramref name="folder"/> in one process (each start costs seconds) into
    /// <paramref name="outputDirectory"/>. The diagnostics name each file by its full path, so they stay
    /// attributable; `bicep build` runs the same linter rules as `bicep lint` (LinterConfigurationTests proves it).
    /// </summary>
    public static Task<BicepRun> BuildAllAsync(string folder, string outputDirectory) =>
        RunAsync(folder, "build", "--pattern", EveryBicepFile, "--outdir", outputDirectory);

    /// <summary>Lints every .bicep file under <paramref name="folder"/> in one process.</summary>
    public static Task<BicepRun> LintAllAsync(string folder) => RunAsync(folder, "lint", "--pattern", EveryBicepFile);

    private static async Task<BicepRun> RunAsync(string workingDirectory, params string[] arguments)
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
            WorkingDirectory = workingDirectory,
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
