using System.Diagnostics;
using Azure;
using Azure.Data.Tables;

namespace Soakline.Latency;

/// <summary>
/// Inserts rows straight into a table of the same Azurite, from as many workers as a scenario's concurrency (closed
/// loop), and times each insert: what the storage alone answers under the load the push scenario puts on it. A push
/// waits for one such insert (its claim in the delivery ledger), so a push tail that the probe shares is the storage's,
/// and one the probe does not share is the app's.
/// </summary>
/// <remarks>
/// The rows carry a 1 KiB binary property, about the size of a claim's recorded push, in a table of their own that the
/// app never reads and that is dropped afterwards. The probe runs from this process, so its client shares the cores as
/// the app's would.
/// </remarks>
internal sealed class StorageProbe(string storageConnectionString)
{
    private static readonly BinaryData Payload = new(new byte[1024]);
    private readonly TableClient _table = new TableServiceClient(storageConnectionString).GetTableClient("latencyprobe");

    public async Task<LatencyFigures> RunAsync(LatencyScenario scenario, CancellationToken cancellationToken)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken);
        try
        {
            await InsertAsync(scenario with { Requests = scenario.WarmUp }, null, cancellationToken);
            var times = new double[scenario.Requests];
            var clock = Stopwatch.StartNew();
            var (failed, first) = await InsertAsync(scenario, times, cancellationToken);
            return LatencyFigures.From(scenario, times, clock.Elapsed, failed, first);
        }
        finally
        {
            // Azurite saves each whole table database every few seconds: rows left here would lengthen the saves the
            // measured scenarios meet.
            await _table.DeleteAsync(cancellationToken);
        }
    }

    private Task<(int Failed, string? First)> InsertAsync(LatencyScenario scenario, double[]? times, CancellationToken cancellationToken) =>
        ClosedLoop.RunAsync(scenario.Concurrency, scenario.Requests, async _ =>
        {
            try
            {
                await _table.AddEntityAsync(new TableEntity("probe", Guid.NewGuid().ToString("N")) { ["Push"] = Payload }, cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (RequestFailedException e)
            {
                return $"{e.Status} {e.ErrorCode}";
            }
        }, times, cancellationToken);
}
