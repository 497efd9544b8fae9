namespace Soakline.EndToEnd.Tests.Infrastructure;

/// <summary>A fresh folder under the system temp directory, removed with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string purpose)
    {
        Path = Directory.CreateTempSubdirectory($"soakline-e2e-{purpose}-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process that is still shutting down may hold a file; leaving a temp folder behind is harmless.
        }
    }
}
