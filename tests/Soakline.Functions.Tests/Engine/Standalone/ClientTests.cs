using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Soakline.Functions.Tests.Engine.Standalone.Infrastructure;
using Soakline.Functions.Engine.Standalone;

namespace Soakline.Functions.Tests.Engine.Standalone;

/// <summary>The DurableTaskClient over DTFx: starts, refusals, unknown names, queries and purges.</summary>
[Collection(EngineCollection.Name)]
public sealed class ClientTests(EngineFixture fixture)
{
    private DurableTaskClient Client => fixture.Host.Client;

    [Fact]
    public async Task Starting_an_id_whose_instance_is_still_running_is_refused()
    {
        var id = $"running-{Guid.NewGuid():N}";
        await Client.ScheduleNewOrchestrationInstanceAsync("WaitForever", new StartOrchestrationOptions(id));
        await Client.WaitForInstanceStartAsync(id, Eventually.Timeout());

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Client.ScheduleNewOrchestrationInstanceAsync("Chain", 1, new StartOrchestrationOptions(id)));

        Assert.Contains($"'{id}'", refused.Message, StringComparison.Ordinal);
        var still = await Client.GetInstanceAsync(id);
        Assert.Equal("WaitForever", still!.Name);
        Assert.Equal(OrchestrationRuntimeStatus.Running, still.RuntimeStatus);
        await Client.TerminateInstanceAsync(id);
    }

    [Fact]
    public async Task Starting_an_id_whose_instance_finished_replaces_it()
    {
        var id = $"again-{Guid.NewGuid():N}";
        await Client.ScheduleNewOrchestrationInstanceAsync("Chain", 1, new StartOrchestrationOptions(id));
        await Client.WaitForInstanceCompletionAsync(id, Eventually.Timeout());

        await Client.ScheduleNewOrchestrationInstanceAsync("Chain", 2, new StartOrchestrationOptions(id));
        var second = await Eventually.MatchAsync(
            () => Client.GetInstanceAsync(id, getInputsAndOutputs: true),
            m => m is { RuntimeStatus: OrchestrationRuntimeStatus.Completed } && m.ReadInputAs<int>() == 2,
            "the second run to complete");

        Assert.Equal(2, second!.ReadOutputAs<int>());
    }

    [Fact]
    public async Task The_client_refuses_an_orchestrator_name_its_registry_does_not_know()
    {
        var refused = await Assert.ThrowsAsync<ArgumentException>(
            () => Client.ScheduleNewOrchestrationInstanceAsync("NoSuchOrchestrator", new StartOrchestrationOptions($"unknown-{Guid.NewGuid():N}")));

        Assert.Contains("'NoSuchOrchestrator'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Chain", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_worker_fails_an_instance_whose_orchestrator_it_cannot_create()
    {
        // A client without a registry cannot judge the name; the worker must fail the instance, not leave it Pending.
        await using var clientOnly = await EngineHost.StartClientOnlyAsync(fixture.Azurite.ConnectionString, fixture.TaskHub);
        var id = await clientOnly.Client.ScheduleNewOrchestrationInstanceAsync("NoSuchOrchestrator", "input");

        var done = await clientOnly.Client.WaitForInstanceCompletionAsync(id, Eventually.Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(TaskNotRegisteredException).FullName, done.FailureDetails!.ErrorType);
        Assert.Contains("'NoSuchOrchestrator'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_for_an_instance_that_does_not_exist_fails_at_once()
    {
        var missing = $"missing-{Guid.NewGuid():N}";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Client.WaitForInstanceCompletionAsync(missing, Eventually.Timeout()));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Null(await Client.GetInstanceAsync(missing));
    }

    [Fact]
    public async Task Queries_filter_by_instance_id_prefix_and_status_and_page()
    {
        var prefix = $"q{Guid.NewGuid():N}-";
        foreach (var i in Enumerable.Range(1, 3))
        {
            await Client.ScheduleNewOrchestrationInstanceAsync("Chain", i, new StartOrchestrationOptions($"{prefix}done-{i}"));
        }

        await Client.ScheduleNewOrchestrationInstanceAsync("WaitForever", new StartOrchestrationOptions($"{prefix}waiting"));
        await Client.ScheduleNewOrchestrationInstanceAsync("Chain", 1, new StartOrchestrationOptions($"other{Guid.NewGuid():N}"));
        foreach (var i in Enumerable.Range(1, 3))
        {
            await Client.WaitForInstanceCompletionAsync($"{prefix}done-{i}", Eventually.Timeout());
        }

        await Client.WaitForInstanceStartAsync($"{prefix}waiting", Eventually.Timeout());

        var completed = await ListAsync(new OrchestrationQuery
        {
            InstanceIdPrefix = prefix,
            Statuses = [OrchestrationRuntimeStatus.Completed],
            FetchInputsAndOutputs = true,
        });
        var running = await ListAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Running] });
        var pages = new List<Page<OrchestrationMetadata>>();
        await foreach (var page in Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, PageSize = 2 }).AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal([$"{prefix}done-1", $"{prefix}done-2", $"{prefix}done-3"], completed.Select(m => m.InstanceId).Order());
        Assert.Equal([1, 2, 3], completed.Select(m => m.ReadOutputAs<int>()).Order());
        Assert.Equal($"{prefix}waiting", Assert.Single(running).InstanceId);
        Assert.Equal(4, pages.Sum(p => p.Values.Count));
        Assert.True(pages.Count >= 2, $"expected at least two pages of two, got {pages.Count}");
        await Client.TerminateInstanceAsync($"{prefix}waiting");
    }

    [Fact]
    public async Task Racing_starts_of_one_id_in_one_process_start_it_once()
    {
        var id = $"race-{Guid.NewGuid():N}";

        var started = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                await Client.ScheduleNewOrchestrationInstanceAsync("WaitForever", input: null, new StartOrchestrationOptions(id));
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }));

        Assert.Equal(1, started.Count(s => s));
        await Client.TerminateInstanceAsync(id);
    }

    [Fact]
    public async Task Purge_removes_a_finished_instance_and_leaves_a_running_one()
    {
        var finished = await Client.ScheduleNewOrchestrationInstanceAsync("Chain", 1);
        var running = await Client.ScheduleNewOrchestrationInstanceAsync("WaitForever");
        await Client.WaitForInstanceCompletionAsync(finished, Eventually.Timeout());
        await Client.WaitForInstanceStartAsync(running, Eventually.Timeout());

        var purged = await Client.PurgeInstanceAsync(finished);
        var notPurged = await Client.PurgeInstanceAsync(running);

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await Client.GetInstanceAsync(finished));
        Assert.Equal(0, notPurged.PurgedInstanceCount);
        Assert.NotNull(await Client.GetInstanceAsync(running));
        await Client.TerminateInstanceAsync(running);
    }

    [Fact]
    public async Task Purge_by_filter_removes_the_finished_instances_created_in_its_window()
    {
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        var ids = new[] { await Client.ScheduleNewOrchestrationInstanceAsync("Chain", 1), await Client.ScheduleNewOrchestrationInstanceAsync("Chain", 2) };
        foreach (var id in ids)
        {
            await Client.WaitForInstanceCompletionAsync(id, Eventually.Timeout());
        }

        var result = await Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(from, null, [OrchestrationRuntimeStatus.Completed]));

        Assert.True(result.PurgedInstanceCount >= 2, $"purged {result.PurgedInstanceCount}");
        foreach (var id in ids)
        {
            Assert.Null(await Client.GetInstanceAsync(id));
        }
    }

    private async Task<List<OrchestrationMetadata>> ListAsync(OrchestrationQuery query)
    {
        var all = new List<OrchestrationMetadata>();
        await foreach (var instance in Client.GetAllInstancesAsync(query))
        {
            all.Add(instance);
        }

        return all;
    }
}
