using Microsoft.Extensions.Logging;
using Soakline.Durable.AzureStorage.Table;

namespace Soakline.Durable.AzureStorage.Outbox;

/// <summary>
/// Re-sends outbox rows that outlived <see cref="AzureStorageOptions.OutboxLease"/>: steps whose worker committed
/// and then died before sending. Runs in every polling worker; two sweepers sending the same row only duplicate
/// messages, which receivers drop.
/// </summary>
internal sealed class OutboxSweeper
{
    private readonly InstanceStore _store;
    private readonly OutboxDispatcher _dispatcher;
    private readonly AzureStorageOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public OutboxSweeper(InstanceStore store, OutboxDispatcher dispatcher, AzureStorageOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _store = store;
        _dispatcher = dispatcher;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.OutboxSweepInterval, _timeProvider, stoppingToken);
                await SweepOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The sweeper must outlive a storage outage; it tries again next interval.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _logger.LogWarning(ex, "The outbox sweep failed; retrying in {Interval}.", _options.OutboxSweepInterval);
            }
        }
    }

    /// <summary>Sends every stale outbox row once; returns how many rows it sent.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var stale = await _store.FindStaleOutboxRowsAsync(_timeProvider.GetUtcNow() - _options.OutboxLease, cancellationToken);
        foreach (var (instanceId, rowKey, entries) in stale)
        {
            _logger.LogInformation("Re-sending {Count} outbox messages of {InstanceId} left by a worker that stopped after committing.", entries.Count, instanceId);
            await _dispatcher.DispatchAsync(instanceId, rowKey, entries, cancellationToken);
        }

        return stale.Count;
    }
}
