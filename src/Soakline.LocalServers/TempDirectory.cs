namespace Soakline.Integrations.Tests.Fixtures;

/// <summary>A fresh folder under /tmp (short, plain path: it ends up in release roots), removed on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string purpose)
    {
        Path = Directory.CreateTempSubdirectory($"soakline-{purpose}-").FullName;
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
            // A process that outlived its test may still hold a file; /tmp is cleaned by the OS eventually.
        }
    }
}
