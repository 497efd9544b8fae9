using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Orchestration;

public sealed record MonitorSweepOutcome(IReadOnlyList<MonitorCheckResult> Checks)
{
    public bool AllPassed => Checks.All(c => c.Passed);
}
