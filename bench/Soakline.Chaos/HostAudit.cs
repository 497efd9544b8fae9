namespace Soakline.Chaos;

/// <summary>What one host's ledger showed: effects by kind, broken promises, and repeated effects that were verified no-ops.</summary>
internal sealed record HostAudit(string Host, int Effects, IReadOnlyDictionary<string, int> EffectCounts, IReadOnlyList<string> Violations, IReadOnlyList<string> RepeatedNoOps);
