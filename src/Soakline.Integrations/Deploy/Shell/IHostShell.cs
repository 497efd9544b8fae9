namespace Soakline.Integrations.Deploy.Shell;

/// <summary>An open session on one deploy host: runs built commands and copies files there.</summary>
public interface IHostShell : IAsyncDisposable
{
    /// <summary>Runs <paramref name="command"/>; <paramref name="standardInput"/> is sent and then closed.</summary>
    Task<CommandResult> RunAsync(ShellCommand command, string? standardInput, CancellationToken cancellationToken);

    /// <summary>Copies a local file to <paramref name="destination"/> on the host.</summary>
    Task UploadAsync(string localFile, RemotePath destination, CancellationToken cancellationToken);
}
