namespace Soakline.Chaos;

/// <summary>
/// Everything random about a run, drawn from one seed before anything starts, so a failing run is replayed with
/// <c>--seed</c>: each environment's kind, start and approval delay, the gaps between kills, which process each kill
/// hits and after which kills Azurite is restarted. (What the processes happen to be doing at each moment is not
/// reproducible: timing on a shared machine varies.)
/// </summary>
internal sealed record ChaosPlan(int Seed, IReadOnlyList<ChaosEnvironment> Environments, IReadOnlyList<PlannedKill> Kills, IReadOnlySet<int> AzuriteRestartAfterKill)
{
    /// <summary>
    /// Mean time between kills; the run's length is about kills times this. A restarted process needs a few seconds
    /// to start on two busy cores, and each kill hides the messages the process had taken for 15 s: much faster and
    /// the processes do little else than start (a first run with kills every 2 to 5 s ended no pipeline in 3 minutes).
    /// </summary>
    public static readonly TimeSpan MeanKillGap = TimeSpan.FromSeconds(5.5);

    public static ChaosPlan Create(ChaosOptions options, string hostsFolder)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        var kinds = Enumerable.Range(0, options.Pipelines).Select(i => (PipelineKind)(i % 3)).OrderBy(_ => random.Next()).ToList();
        var killPhase = MeanKillGap * Math.Max(options.Kills, 8);

        // Baselines are pushed over the first half of the kill phase, so pipelines overlap each other and the kills.
        var spread = killPhase / 2 / options.Pipelines;
        var environments = new List<ChaosEnvironment>();
        for (var i = 0; i < options.Pipelines; i++)
        {
            var name = $"p{i + 1:00}";
            ChaosHost Host(string suffix, int offset) =>
                new($"{name}-{suffix}", $"127.0.3.{(2 * i) + offset}", Path.Combine(hostsFolder, $"{name}-{suffix}"));
            var approvalDelay = kinds[i] == PipelineKind.LateApproval ? TimeSpan.FromSeconds(10 + random.Next(0, 21)) : TimeSpan.Zero;
            environments.Add(new ChaosEnvironment(name, kinds[i], [Host("a", 1), Host("b", 2)], spread * i, approvalDelay));
        }

        var kills = Enumerable.Range(0, options.Kills)
            .Select(_ => new PlannedKill(TimeSpan.FromMilliseconds(random.Next(3000, 8001)), random.Next(0, 2)))
            .ToList();
        var restarts = new HashSet<int>();
        for (var j = 1; j <= options.AzuriteRestarts; j++)
        {
            // Spread over the run with some jitter; after kill number k (1-based).
            var around = options.Kills * j / (options.AzuriteRestarts + 1);
            var jitter = options.Kills / (4 * (options.AzuriteRestarts + 1));
            restarts.Add(Math.Clamp(around + random.Next(-jitter, jitter + 1), 1, Math.Max(1, options.Kills)));
        }

        return new ChaosPlan(options.Seed, environments, kills, restarts);
    }
}
