using System.Net.Sockets;
using Polly;
using Polly.Retry;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Soakline.Integrations.Deploy.Ssh;

/// <summary>
/// Opens authenticated SSH and SFTP connections to one endpoint: the host key must match a pin (checked during key
/// exchange, before authentication), and transient failures (refused, reset, timed out) are retried with
/// exponential back-off. A wrong host key or a refused login is final: retrying cannot fix either.
/// </summary>
internal sealed class SshConnector(SshEndpoint endpoint, IPrivateKeySource privateKey, SshTargetOptions options)
{
    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            MaxRetryAttempts = Math.Max(0, options.ConnectAttempts - 1),
            Delay = options.RetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();

    public Task<SshClient> ConnectShellAsync(CancellationToken cancellationToken) =>
        ConnectAsync(info => new SshClient(info), cancellationToken);

    public Task<SftpClient> ConnectSftpAsync(CancellationToken cancellationToken) =>
        ConnectAsync(info => new SftpClient(info), cancellationToken);

    private async Task<TClient> ConnectAsync<TClient>(Func<ConnectionInfo, TClient> create, CancellationToken cancellationToken)
        where TClient : BaseClient
    {
        var attempts = 0;
        try
        {
            return await _retry.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    return await ConnectOnceAsync(create, token);
                },
                cancellationToken);
        }
        catch (Exception failure) when (IsTransient(failure))
        {
            throw new DeployHostException($"could not connect to {endpoint} after {attempts} attempt(s): {failure.Message}", failure);
        }
    }

    private async Task<TClient> ConnectOnceAsync<TClient>(Func<ConnectionInfo, TClient> create, CancellationToken cancellationToken)
        where TClient : BaseClient
    {
        var info = new ConnectionInfo(endpoint.Address, endpoint.Port, endpoint.User, new PrivateKeyAuthenticationMethod(endpoint.User, privateKey))
        {
            Timeout = options.ConnectTimeout,
        };
        var client = create(info);
        string? rejectedKey = null;
        client.HostKeyReceived += (_, e) =>
        {
            e.CanTrust = endpoint.Pins.Accepts(e.FingerPrintSHA256);
            rejectedKey = e.CanTrust ? null : $"{e.HostKeyName} SHA256:{e.FingerPrintSHA256}";
        };
        try
        {
            await client.ConnectAsync(cancellationToken);
            return client;
        }
        catch (Exception) when (rejectedKey is not null)
        {
            client.Dispose();
            throw new HostKeyMismatchException(
                $"host key of {endpoint} is not pinned: it presented {rejectedKey}, pinned are {string.Join(", ", endpoint.Pins.Fingerprints)}. " +
                "If the server was rebuilt, verify its new key out of band and update HostKeySha256; otherwise treat this as an attack.");
        }
        catch (SshAuthenticationException failure)
        {
            client.Dispose();
            throw new DeployHostException($"{endpoint} refused key authentication for '{endpoint.User}': {failure.Message}", failure);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static bool IsTransient(Exception failure) =>
        failure is SocketException or SshConnectionException or SshOperationTimeoutException or TimeoutException
            && failure is not HostKeyMismatchException;
}
