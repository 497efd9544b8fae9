namespace Soakline.Infra.Tests.Bicep;

/// <summary>
/// One `bicep build --pattern` run over a folder, read back file by file. One process for the whole folder
/// instead of one per file: each start of the CLI costs seconds, and the suite has to stay under 15 minutes.
/// </summary>
internal sealed class BicepFolderBuild : IDisposable
{
    private readonly string folder;
    private readonly string outputDirectory;
    private readonly IReadOnlyList<BicepDiagnostic> strayDiagnostics;

    private BicepFolderBuild(string folder, string outputDirectory, BicepRun run)
    {
        this.folder = folder;
        this.outputDirectory = outputDirectory;
        Run = run;

        // A diagnostic naming no .bicep file of the folder cannot be given to any file's case, so it goes to
        // all of them: nothing Bicep reports may be lost between the run and the per-file checks.
        var sources = Directory.EnumerateFiles(folder, "*.bicep", SearchOption.AllDirectories)
            .Select(Path.GetFullPath)
            .ToHashSet(StringComparer.Ordinal);
        strayDiagnostics = run.Diagnostics.Where(d => !sources.Contains(Path.GetFullPath(d.File))).ToList();
    }

    /// <summary>The CLI run itself.</summary>
    public BicepRun Run { get; }

    /// <summary>Builds every .bicep file under <paramref name="folder"/> into a fresh temporary directory.</summary>
    public static async Task<BicepFolderBuild> RunAsync(string folder)
    {
        // Fresh on purpose: a compiled file left over from an earlier run must never stand in for a missing one.
        var outputDirectory = Directory.CreateTempSubdirectory("soakline-bicep-build-").FullName;
        try
        {
            return new BicepFolderBuild(Path.GetFullPath(folder), outputDirectory, await BicepCli.BuildAllAsync(folder, outputDirectory));
        }
        catch
        {
            Directory.Delete(outputDirectory, recursive: true);
            throw;
        }
    }

    /// <summary>What the run produced for one file, given relative to the folder (e.g. <c>modules/storage.bicep</c>).</summary>
    public BicepFileBuild For(string relativePath)
    {
        var source = Path.GetFullPath(Path.Combine(folder, relativePath));
        var compiledPath = Path.ChangeExtension(Path.Combine(outputDirectory, relativePath), ".json");
        return new BicepFileBuild(
            relativePath,
            Run,
            Run.Diagnostics.Where(d => Path.GetFullPath(d.File) == source).Concat(strayDiagnostics).ToList(),
            File.Exists(compiledPath) ? File.ReadAllText(compiledPath) : null);
    }

    public void Dispose() => Directory.Delete(outputDirectory, recursive: true);
}
