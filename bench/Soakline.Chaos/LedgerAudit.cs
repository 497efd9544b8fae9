namespace Soakline.Chaos;

/// <summary>
/// Replays one host's ledger and holds it to the deploy target's promises (docs/deploy-targets.md): a deploy of the
/// release already active changes nothing (no unpack, no hook, no switch, no restart of it); every switch changes
/// <c>current</c> (a switch to the release already current is a no-op in state and listed as such, but a second
/// restart of the same release without a real switch in between is not a no-op: a violation); every switch is followed by one restart of the new
/// release before the next switch; and the ledger is consistent (each switch starts from where the last one left).
/// </summary>
internal static class LedgerAudit
{
    public static HostAudit Check(ChaosHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var (entries, unreadable) = LedgerEntry.Read(host.LedgerFile);
        var violations = unreadable.Select(u => $"{host.Name}: unreadable ledger {u}").ToList();
        var repeatedNoOps = new List<string>();
        string? current = null;
        string? restartedSinceSwitch = null;
        var switchPending = false;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            counts[entry.Effect] = counts.GetValueOrDefault(entry.Effect) + 1;
            switch (entry.Effect)
            {
                case "unpack" or "deploy-hook" when entry.Field("release") == current:
                    violations.Add($"{host.Name}: {entry.Effect} of {current}, the active release, again ({entry})");
                    break;
                case "switch":
                    var from = entry.Field("from") is "none" ? null : entry.Field("from");
                    var to = entry.Field("to");
                    if (from != current)
                    {
                        violations.Add($"{host.Name}: switch from {from ?? "none"} but the ledger had {current ?? "none"} current (a switch left no record) ({entry})");
                    }

                    if (to == from)
                    {
                        // No change in state; whatever restart follows is checked against the last real switch.
                        repeatedNoOps.Add($"{host.Name}: switch to {to}, already current (no change in state) ({entry})");
                        break;
                    }

                    if (switchPending)
                    {
                        violations.Add($"{host.Name}: {current} was switched to but never restarted before the next switch ({entry})");
                    }

                    current = to;
                    restartedSinceSwitch = null;
                    switchPending = true;
                    break;
                case "restart":
                    var release = entry.Field("release");
                    if (release != current)
                    {
                        violations.Add($"{host.Name}: restart of {release} while current is {current ?? "none"} ({entry})");
                    }
                    else if (restartedSinceSwitch == release)
                    {
                        violations.Add($"{host.Name}: {release} restarted twice without a switch in between: a repeated effect that is not a no-op ({entry})");
                    }

                    restartedSinceSwitch = release;
                    switchPending = false;
                    break;
            }
        }

        if (switchPending)
        {
            violations.Add($"{host.Name}: current was switched to {current} but the service was never restarted on it");
        }

        return new HostAudit(host.Name, entries.Count, counts, violations, repeatedNoOps);
    }
}
