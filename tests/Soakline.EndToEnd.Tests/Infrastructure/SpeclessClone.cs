using Soakline.Demo.Kit.Processes;
using Soakline.Integrations.Tests.Fixtures;

namespace Soakline.EndToEnd.Tests.Infrastructure;

/// <summary>
/// An empty git repository as a test app's source control (<c>Soakline__LocalGit__Repositories__...</c>): the app
/// refuses to start without one, and a pipeline that reads it finds no <c>.soakline.yml</c> and ends Ignored at once.
/// </summary>
internal sealed class SpeclessClone : IDisposable
{
    private readonly TempDirectory _folder = new("clone");

    public SpeclessClone() => Shell.RunAsync(_folder.Path, "git", "init", "-q").GetAwaiter().GetResult();

    public string Path => _folder.Path;

    public void Dispose() => _folder.Dispose();
}
