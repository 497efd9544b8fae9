namespace Soakline.Durable.AzureStorage.Tests.Azurite;

/// <summary>
/// Each test gets its own task hub on the shared Azurite (so tests never see each other's messages) and its own
/// ran-log file, where workers record every activity run so a test can tell "ran" from "applied".
/// </summary>
public abstract class FreshTaskHubTests : IAsyncLifetime
{
    protected string Hub { get; } = AzuriteFixture.NewTaskHubName();

    protected string RanLogPath { get; } = Path.GetTempFileName();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync()
    {
        File.Delete(RanLogPath);
        return Task.CompletedTask;
    }
}
