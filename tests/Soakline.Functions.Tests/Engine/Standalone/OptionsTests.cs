using Azure.Identity;
using DurableTask.AzureStorage;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Soakline.Functions.Engine.Standalone;

namespace Soakline.Functions.Tests.Engine.Standalone;

/// <summary>The engine's options are checked up front and reach the provider as chosen.</summary>
public sealed class OptionsTests
{
    [Fact]
    public void Usable_options_have_no_problems()
    {
        var options = new StandaloneEngineOptions { ConnectionString = "UseDevelopmentStorage=true" };

        Assert.Empty(StandaloneEngineOptionsValidator.Problems(options));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_by_setting_name()
    {
        var options = new StandaloneEngineOptions
        {
            TaskHubName = "1-bad",
            PartitionCount = 17,
            ControlQueueBufferThreshold = 0,
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(10),
            MaxConcurrentActivities = 0,
            MaxConcurrentOrchestrations = 0,
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(5),
            WorkItemVisibilityTimeout = TimeSpan.FromDays(8),
            LeaseAcquireInterval = TimeSpan.FromSeconds(10),
            LeaseInterval = TimeSpan.FromSeconds(15),
            WorkerId = " ",
            ClientPollingMaxInterval = TimeSpan.Zero,
        };

        var problems = StandaloneEngineOptionsValidator.Problems(options);

        Assert.Equal(
            [
                "TaskHubName", "ConnectionString/StorageAccountName", "PartitionCount", "ControlQueueBufferThreshold",
                "MaxQueuePollingInterval", "MaxConcurrentActivities", "MaxConcurrentOrchestrations",
                "ControlQueueVisibilityTimeout", "WorkItemVisibilityTimeout", "LeaseInterval", "WorkerId", "ClientPollingMaxInterval",
            ],
            problems.Select(p => p[..p.IndexOf(':', StringComparison.Ordinal)]));
        Assert.Contains(problems, p => p.Contains("'1-bad'", StringComparison.Ordinal));
    }

    [Fact]
    public void Storage_is_given_by_exactly_one_of_connection_string_and_account()
    {
        var both = new StandaloneEngineOptions { ConnectionString = "UseDevelopmentStorage=true", StorageAccountName = "soakline" };
        var badAccount = new StandaloneEngineOptions { StorageAccountName = "Not_Valid" };
        var strayCredential = new StandaloneEngineOptions { ConnectionString = "UseDevelopmentStorage=true", Credential = new DefaultAzureCredential() };

        Assert.Contains("not both", Assert.Single(StandaloneEngineOptionsValidator.Problems(both)), StringComparison.Ordinal);
        Assert.StartsWith("StorageAccountName:", Assert.Single(StandaloneEngineOptionsValidator.Problems(badAccount)), StringComparison.Ordinal);
        Assert.StartsWith("Credential:", Assert.Single(StandaloneEngineOptionsValidator.Problems(strayCredential)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_with_bad_settings_fails_to_start_listing_them_all()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddStandaloneDurableEngine(o => o.PartitionCount = 0);
        builder.Services.AddDurableTaskWorker(b => b.AddTasks(_ => { }).UseStandaloneEngine());
        builder.Services.AddDurableTaskClient(b => b.UseStandaloneEngine());
        using var host = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<DurableTaskClient>());

        Assert.Equal(2, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.StartsWith("PartitionCount:", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("ConnectionString/StorageAccountName:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_provider_gets_the_shipped_tuning_and_the_fixed_choices()
    {
        var options = new StandaloneEngineOptions { ConnectionString = "UseDevelopmentStorage=true", TaskHubName = "releases" };

        var settings = TaskHubConnection.CreateSettings(options, NullLoggerFactory.Instance);

        Assert.Equal("releases", settings.TaskHubName);
        Assert.Equal(256, settings.ControlQueueBufferThreshold);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.MaxQueuePollingInterval);
        Assert.Equal(4, settings.PartitionCount);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.ControlQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.WorkItemQueueVisibilityTimeout);
        Assert.Equal(options.WorkerId, settings.WorkerId);
        Assert.True(settings.UseTablePartitionManagement);
        Assert.False(settings.UseAppLease);
        Assert.True(settings.ThrowExceptionOnInvalidDedupeStatus);
        Assert.NotNull(settings.StorageAccountClientProvider);
    }

    [Fact]
    public void The_default_worker_id_tells_processes_on_one_machine_apart()
    {
        var options = new StandaloneEngineOptions();

        // DTFx's default is the machine name alone; two processes on one machine would both claim the same partitions.
        Assert.Equal($"{Environment.MachineName}-{Environment.ProcessId}", options.WorkerId);
        Assert.NotEqual(new AzureStorageOrchestrationServiceSettings().WorkerId, options.WorkerId);
    }

    [Fact]
    public void An_account_without_a_credential_gets_the_default_azure_credential()
    {
        var services = new ServiceCollection();
        services.AddStandaloneDurableEngine(o => o.StorageAccountName = "soakline");
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<StandaloneEngineOptions>>().Value;

        Assert.IsType<DefaultAzureCredential>(options.Credential);
    }
}
