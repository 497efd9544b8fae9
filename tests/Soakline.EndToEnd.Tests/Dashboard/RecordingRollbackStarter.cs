using System.Collections.Concurrent;
using Soakline.Functions.Api;

namespace Soakline.EndToEnd.Tests.Dashboard;

/// <summary>The app's rollback port, faked in the test: records each emergency rollback the API accepted.</summary>
internal sealed class RecordingRollbackStarter : IRollbackStarter
{
    public ConcurrentQueue<EmergencyRollback> Started { get; } = new();

    public Task<string?> StartAsync(EmergencyRollback rollback, CancellationToken cancellationToken)
    {
        Started.Enqueue(rollback);
        return Task.FromResult<string?>($"rollback:{rollback.Repository.Owner}:{rollback.Repository.Name}:{rollback.Environment}:{Started.Count}");
    }
}
