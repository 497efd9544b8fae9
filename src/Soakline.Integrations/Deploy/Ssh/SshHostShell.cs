using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;
using Soakline.Integrations.Deploy.Shell;

namespace Soakline.Integrations.Deploy.Ssh;

/// <summary>
/// A session on one host over SSH: commands on exec channels of one connection; uploads over SFTP, connected on
/// first use (a rollback never needs it).
/// </summary>
internal sealed class SshHostShell(SshClient client, SshConnector connector, SshEndpoint endpoint, TimeSpan commandTimeout) : IHostShell
{
    private SftpClient? _sftp;

    public async Task<CommandResult> RunAsync(ShellCommand command, string? standardInput, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var remote = client.CreateCommand(command.Text);
        remote.CommandTimeout = commandTimeout;
        try
        {
            var execution = remote.ExecuteAsync(cancellationToken);
            if (standardInput is not null)
            {
                // Disposing the stream sends EOF, which is what ends the environment loader's read loop.
                using var input = remote.CreateInputStream();
                await input.WriteAsync(Encoding.UTF8.GetBytes(standardInput), cancellationToken);
            }

            await execution;
        }
        catch (SshOperationTimeoutException)
        {
            throw new DeployHostException($"a command on {endpoint} did not finish within {commandTimeout}");
        }
        catch (SshException failure)
        {
            throw new DeployHostException($"the connection to {endpoint} failed while running a command: {failure.Message}", failure);
        }

        var exitCode = remote.ExitStatus ?? -1;
        var error = remote.ExitSignal is { } signal ? $"{remote.Error}\n(terminated by signal {signal})" : remote.Error;
        return new CommandResult(exitCode, remote.Result, error);
    }

    public async Task UploadAsync(string localFile, RemotePath destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        _sftp ??= await connector.ConnectSftpAsync(cancellationToken);
        try
        {
            await using var source = File.OpenRead(localFile);
            await _sftp.UploadFileAsync(source, destination.Value, cancellationToken);
        }
        catch (SshException failure)
        {
            throw new DeployHostException($"uploading to {destination} on {endpoint} failed: {failure.Message}", failure);
        }
    }

    public ValueTask DisposeAsync()
    {
        _sftp?.Dispose();
        client.Dispose();
        return ValueTask.CompletedTask;
    }
}
