using Soakline.Integrations.Deploy.Shell;

namespace Soakline.Integrations.Deploy;

/// <summary>
/// A file or folder kept in <c>shared/</c> and linked into every release (<c>.env</c>, <c>logs/</c>).
/// Written with a trailing slash (<c>logs/</c>) it is a folder, created when missing; without one it is a file that
/// must already exist on the host (a missing <c>.env</c> is a setup error, not something to invent).
/// </summary>
internal sealed record SharedPath(RemotePath Path, bool IsDirectory)
{
    public static SharedPath Parse(string? value, string field)
    {
        var path = RemotePath.Parse(value, field);
        if (path.IsAbsolute)
        {
            throw new ArgumentException($"{field}: '{value}' must be relative to the release (e.g. '.env' or 'logs/').", field);
        }

        return new SharedPath(path, value!.EndsWith('/'));
    }
}
