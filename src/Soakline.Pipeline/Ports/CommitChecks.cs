using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

public sealed record CommitChecks(IReadOnlyList<CheckResult> Checks)
{
    public bool AllSucceeded => Checks.Count > 0 && Checks.All(c => c.State == CheckState.Success);

    public bool AnyFailed => Checks.Any(c => c.State == CheckState.Failure);
}
