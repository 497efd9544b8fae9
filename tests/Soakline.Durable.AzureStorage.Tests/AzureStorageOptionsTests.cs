using Azure.Identity;

namespace Soakline.Durable.AzureStorage.Tests;

public sealed class AzureStorageOptionsTests
{
    [Fact]
    public void Requires_a_connection_string_or_an_account_with_a_credential()
    {
        var error = Assert.Throws<ArgumentException>(() => new AzureStorageOptions().Validate());

        Assert.Contains("ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_account_name_without_a_credential_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new AzureStorageOptions { StorageAccountName = "acct" }.Validate());

        Assert.Equal("Credential", error.ParamName);
    }

    [Fact]
    public void An_account_name_with_a_credential_derives_the_public_endpoints()
    {
        var clients = new TaskHubClients(new AzureStorageOptions { StorageAccountName = "acct", Credential = new DefaultAzureCredential(), TaskHubName = "Hub1" });

        Assert.Equal("https://acct.queue.core.windows.net/hub1-control", clients.ControlQueue.Uri.ToString());
        Assert.Equal("https://acct.blob.core.windows.net/hub1-payloads", clients.Payloads.Uri.ToString());
        Assert.Equal("Hub1Instances", clients.Table.Name);
    }

    [Theory]
    [InlineData(nameof(AzureStorageOptions.ControlBatchSize))]
    [InlineData(nameof(AzureStorageOptions.MaxDequeueCount))]
    [InlineData(nameof(AzureStorageOptions.InlinePayloadLimitBytes))]
    [InlineData(nameof(AzureStorageOptions.MaxMessageDelay))]
    [InlineData(nameof(AzureStorageOptions.InstanceLockDuration))]
    public void A_bad_knob_is_named(string field)
    {
        var options = new AzureStorageOptions { ConnectionString = "UseDevelopmentStorage=true" };
        switch (field)
        {
            case nameof(AzureStorageOptions.ControlBatchSize): options.ControlBatchSize = 33; break;
            case nameof(AzureStorageOptions.MaxDequeueCount): options.MaxDequeueCount = 0; break;
            case nameof(AzureStorageOptions.InlinePayloadLimitBytes): options.InlinePayloadLimitBytes = 64 * 1024; break;
            case nameof(AzureStorageOptions.MaxMessageDelay): options.MaxMessageDelay = TimeSpan.FromDays(8); break;
            case nameof(AzureStorageOptions.InstanceLockDuration): options.InstanceLockDuration = TimeSpan.Zero; break;
        }

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(field, error.ParamName);
    }
}
