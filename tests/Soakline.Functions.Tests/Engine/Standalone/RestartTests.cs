using Microsoft.DurableTask.Client;
using Soakline.Functions.Tests.Engine.Standalone.Infrastructure;
using Soakline.Functions.Engine.Standalone;

namespace Soakline.Functions.Tests.Engine.Standalone;

/// <summary>Durable state outlives the worker: a worker started later finishes what a stopped one began.</summary>
[Collection(EngineCollection.Name)]
public sealed class RestartTests(EngineFixture fixture)
{
    [Fact]
    public async Task An_instance_waiting_on_a_timer_completes_on_a_worker_started_after_the_first_stopped()
    {
        var hub = EngineFixture.NewTaskHubName();
        var connection = fixture.Azurite.ConnectionString;

        // DTFx's 5-minute visibility: a control message the first worker fetched while stopping and left unprocessed
        // would stay hidden far beyond the test's deadline. The worker releases its partitions before it stops its
        // dispatchers so that this cannot happen; the timer fires around the time the first worker stops.
        static void Tune(StandaloneEngineOptions options) => options.ControlQueueVisibilityTimeout = TimeSpan.FromMinutes(5);
        string id;
        string firstWorker;
        await using (var first = await EngineHost.StartAsync(connection, hub, TestTasks.Register, TestTasks.AddServices, Tune))
        {
            firstWorker = first.WorkerId;
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync("SleepThenReport");

            // The status is saved with the episode that started the 2 s timer.
            await Eventually.MatchAsync(() => first.Client.GetInstanceAsync(id, getInputsAndOutputs: true), m => m?.SerializedCustomStatus is not null, "the timer to start");
        }

        await using var second = await EngineHost.StartAsync(connection, hub, TestTasks.Register, TestTasks.AddServices, Tune);
        var done = await second.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Eventually.Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(second.WorkerId, done.ReadOutputAs<string>());
        Assert.NotEqual(firstWorker, second.WorkerId);
    }
}
