using Soakline.Integrations.Deploy.Shell;

namespace Soakline.Integrations.Deploy.Local;

/// <summary>Runs built commands with this machine's <c>/bin/sh</c>; "uploading" is a file copy.</summary>
internal sealed class LocalHostShell(TimeSpan commandTimeout) : IHostShell
{
    public Task<CommandResult> RunAsync(ShellCommand command, string? standardInput, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return ProcessRunner.RunAsync("/bin/sh", ["-c", command.Text], standardInput, null, commandTimeout, cancellationToken);
    }

    public async Task UploadAsync(string localFile, RemotePath destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await using var source = File.OpenRead(localFile);
        await using var target = File.Create(destination.Value);
        await source.CopyToAsync(target, cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
