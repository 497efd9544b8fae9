namespace Soakline.Functions.Adapters;

/// <summary>
/// Problems found while registering adapters from configuration, reported with the other settings at start (the app
/// refuses to start), and warnings about configurations the app can serve with but that limit it (logged once).
/// </summary>
internal sealed class AdapterProblems
{
    private readonly List<string> _problems = [];
    private readonly List<string> _warnings = [];

    public IReadOnlyList<string> All => _problems;

    public IReadOnlyList<string> Warnings => _warnings;

    public void Add(string problem) => _problems.Add(problem);

    public void Warn(string warning) => _warnings.Add(warning);
}
