using Microsoft.DurableTask;

namespace Soakline.Pipeline.Tests.Orchestration;

public sealed class RegistrationTests
{
    [Fact]
    public void Every_orchestrator_and_activity_in_the_assembly_is_registered()
    {
        var types = typeof(PipelineRegistration).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsClass: true }).ToList();

        Assert.Equal(
            types.Where(t => typeof(ITaskOrchestrator).IsAssignableFrom(t)).Select(t => t.Name).Order(),
            PipelineRegistration.Orchestrators.Select(t => t.Name).Order());
        Assert.Equal(
            types.Where(t => typeof(ITaskActivity).IsAssignableFrom(t)).Select(t => t.Name).Order(),
            PipelineRegistration.Activities.Select(t => t.Name).Order());
    }

    [Fact]
    public void Tasks_register_once_per_registry()
    {
        var registry = new DurableTaskRegistry();

        Assert.Same(registry, registry.AddPipelineTasks());
        Assert.Throws<ArgumentException>(() => registry.AddPipelineTasks());
    }
}
