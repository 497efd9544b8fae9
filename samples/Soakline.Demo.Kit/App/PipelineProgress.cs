namespace Soakline.Demo.Kit.App;

/// <summary>One environment run's status as the watcher saw it change.</summary>
/// <param name="Stage">As the orchestrator names it: "awaiting-approval", "stage 2: soaking", "released", ...</param>
/// <param name="IsNewStage">True the first time this run reports this stage.</param>
/// <param name="SoakRemaining">Set while a canary stage soaks.</param>
/// <param name="NextStepDue">When the durable timer the run waits on fires (a soak's next analysis), if it waits on one.</param>
public sealed record PipelineProgress(string Environment, string Stage, bool IsNewStage, int TrafficPercent, TimeSpan? SoakRemaining, DateTimeOffset? NextStepDue = null);
