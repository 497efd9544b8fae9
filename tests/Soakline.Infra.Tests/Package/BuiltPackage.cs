using System.Diagnostics;
using Soakline.Infra.Tests.Bicep;

namespace Soakline.Infra.Tests.Package;

/// <summary>
/// The deployable package, built once by the repository's own <c>./run package</c> (the app published framework-dependent
/// for linux-x64 with ReadyToRun) into artifacts/package: the folder azd's `dotnet publish` zip-deploys.
/// </summary>
/// <remarks>
/// <c>./run test</c> starts <c>./run package</c> in the background right after its build, so the publish (a minute or
/// more on two cores) overlaps the suites that mostly wait on soaks, and names the folder that receives its output and
/// exit code in <see cref="BackgroundBuildVariable"/>; this fixture then waits for that run instead of publishing again.
/// Run on its own (<c>dotnet test</c>), it runs <c>./run package</c> itself.
/// </remarks>
public sealed class BuiltPackage : IAsyncLifetime
{
    /// <summary>The folder of a <c>./run package</c> started by <c>./run test</c>: <c>log</c>, then <c>exit-code</c> once it ended.</summary>
    public const string BackgroundBuildVariable = "SOAKLINE_PACKAGE_BUILD";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromMilliseconds(500);

    public string Folder { get; } = Path.Combine(RepositoryPaths.Root, "artifacts", "package");

    public string Output { get; private set; } = "";

    public Task InitializeAsync() =>
        Environment.GetEnvironmentVariable(BackgroundBuildVariable) is { Length: > 0 } background
            ? AwaitBackgroundBuildAsync(background)
            : BuildAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task AwaitBackgroundBuildAsync(string folder)
    {
        // ./run test moves the exit code into place only once it is written, so a file that exists is complete.
        var exitCodeFile = Path.Combine(folder, "exit-code");
        var waited = Stopwatch.StartNew();
        while (!File.Exists(exitCodeFile))
        {
            if (waited.Elapsed > Timeout)
            {
                throw new TimeoutException($"./run package, started in the background by ./run test ({BackgroundBuildVariable}={folder}), did not finish within {Timeout}.");
            }

            await Task.Delay(RecheckInterval);
        }

        var logFile = Path.Combine(folder, "log");
        Output = File.Exists(logFile) ? await File.ReadAllTextAsync(logFile) : "";
        var exitCode = (await File.ReadAllTextAsync(exitCodeFile)).Trim();
        if (exitCode != "0")
        {
            throw new InvalidOperationException($"./run package (started by ./run test) exited with {exitCode}:{Environment.NewLine}{Output}");
        }
    }

    private async Task BuildAsync()
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("./run");
        startInfo.ArgumentList.Add("package");
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start ./run package.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"./run package did not finish within {Timeout}.");
        }

        Output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"./run package exited with {process.ExitCode}:{Environment.NewLine}{Output}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BuiltPackageCollection : ICollectionFixture<BuiltPackage>, ICollectionFixture<Templates.CompiledMainTemplate>
{
    public const string Name = "./run package";
}
