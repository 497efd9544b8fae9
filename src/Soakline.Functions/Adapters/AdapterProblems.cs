namespace Soakline.Functions.Adapters;

/// <summary>Problems found while registering adapters from configuration; reported with the other settings at start.</summary>
public sealed class AdapterProblems
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> All => _problems;

    public void Add(string problem) => _problems.Add(problem);
}
