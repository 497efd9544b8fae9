using System.Diagnostics;
using Soakline.Infra.Tests.Bicep;

namespace Soakline.Infra.Tests.Package;

/// <summary>
/// The deployable package, built once by the repository's own <c>./run package</c> (the app published framework-dependent
/// for linux-x64 with ReadyToRun) into artifacts/package: the folder azd's `dotnet publish` zip-deploys.
/// </summary>
public sealed class BuiltPackage : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public string Folder { get; } = Path.Combine(RepositoryPaths.Root, "artifacts", "package");

    public string Output { get; private set; } = "";

    public async Task InitializeAsync()
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

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class BuiltPackageCollection : ICollectionFixture<BuiltPackage>, ICollectionFixture<Templates.CompiledMainTemplate>
{
    public const string Name = "./run package";
}
