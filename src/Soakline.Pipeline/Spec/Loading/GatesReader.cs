namespace Soakline.Pipeline.Spec.Loading;

/// <summary>Reads <c>gates:</c>: required checks (blocking) and the E2E workflow (informational on staging).</summary>
internal static class GatesReader
{
    public static GateSpec Read(MappingReader root)
    {
        var gates = root.Mapping("gates");
        if (gates is null)
        {
            return SpecDefaults.Gates;
        }

        var checks = gates.StringList("requiredChecks") ?? [];
        var writtenTimeout = gates.Duration("timeout");
        var writtenPoll = gates.Duration("pollInterval");
        var e2e = ReadE2E(gates);
        gates.RejectUnknownKeys();

        if (writtenPoll > writtenTimeout)
        {
            gates.Error("pollInterval", "must not be longer than 'timeout'");
        }

        var timeout = writtenTimeout ?? DerivedDefaults.AtLeast(SpecDefaults.GateTimeout, writtenPoll);
        var poll = writtenPoll ?? DerivedDefaults.AtMost(SpecDefaults.GatePollInterval, timeout);

        return new GateSpec(checks, timeout, poll, e2e);
    }

    private static E2ESpec? ReadE2E(MappingReader gates)
    {
        var e2e = gates.Mapping("e2e");
        if (e2e is null)
        {
            return null;
        }

        var workflow = e2e.String("workflow", required: true);
        var timeout = e2e.Duration("timeout") ?? SpecDefaults.E2ETimeout;
        var poll = e2e.Duration("pollInterval") ?? SpecDefaults.E2EPollInterval;
        var required = e2e.Bool("requiredForProduction") ?? true;
        e2e.RejectUnknownKeys();

        if (workflow is not null && !workflow.EndsWith(".yml", StringComparison.Ordinal) && !workflow.EndsWith(".yaml", StringComparison.Ordinal))
        {
            e2e.Error("workflow", $"'{workflow}' is not a workflow file name (it must end in .yml or .yaml)");
        }

        return workflow is null ? null : new E2ESpec(workflow, timeout, poll, required);
    }
}
