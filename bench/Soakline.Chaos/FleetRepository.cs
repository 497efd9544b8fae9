using System.Globalization;
using System.Text;
using Soakline.Demo.Kit.Processes;

namespace Soakline.Chaos;

/// <summary>
/// The chaos fleet's git repository (<see cref="FullName"/>): one spec with a production environment and a branch per
/// chaos environment, the two hooks that record effects in the hosts' ledgers, and per branch the two commits the run
/// pushes (the baseline, then the chaos release). All commits are made before the chaos starts.
/// </summary>
internal sealed class FleetRepository
{
    public const string FullName = "chaos/fleet";
    public const string Approver = "release-manager@chaos.soakline.local";
    private const string Author = "user.name=Soakline chaos";
    private const string Email = "user.email=chaos@soakline.local";

    /// <summary>Seconds after its restart when a breaching release starts failing: past its deploy-time health check, inside its first soak.</summary>
    public const int FailAfterSeconds = 3;

    private readonly Dictionary<string, EnvironmentCommits> _commits = new(StringComparer.Ordinal);

    private FleetRepository(string path) => Path = path;

    public string Path { get; }

    public EnvironmentCommits CommitsOf(ChaosEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return _commits[environment.Name];
    }

    public static async Task<FleetRepository> CreateAsync(string path, IReadOnlyList<ChaosEnvironment> environments, int healthPort)
    {
        Directory.CreateDirectory(path);
        var repository = new FleetRepository(path);
        await repository.Git("init", "-q", "-b", "main").ConfigureAwait(false);
        await repository.WriteAsync(".soakline.yml", Spec(environments, healthPort)).ConfigureAwait(false);
        await repository.WriteAsync("hooks/deploy.sh", DeployHook).ConfigureAwait(false);
        await repository.WriteAsync("hooks/restart.sh", RestartHook).ConfigureAwait(false);
        await repository.WriteAsync("VERSION", "0.0.0\n").ConfigureAwait(false);
        var main = await repository.CommitAsync("The chaos fleet").ConfigureAwait(false);
        foreach (var environment in environments)
        {
            await repository.Git("checkout", "-q", "-b", environment.Branch, "main").ConfigureAwait(false);
            await repository.WriteAsync("VERSION", $"1.0.0 {environment.Name} baseline\n").ConfigureAwait(false);
            var baseline = await repository.CommitAsync($"{environment.Name}: baseline").ConfigureAwait(false);
            await repository.WriteAsync("VERSION", $"1.1.0 {environment.Name} {environment.Kind}\n").ConfigureAwait(false);
            if (environment.Kind == PipelineKind.Breach)
            {
                await repository.WriteAsync("FAIL_AFTER", FailAfterSeconds.ToString(CultureInfo.InvariantCulture) + "\n").ConfigureAwait(false);
            }

            var change = await repository.CommitAsync($"{environment.Name}: {environment.Kind} release").ConfigureAwait(false);
            repository._commits[environment.Name] = new EnvironmentCommits(main, baseline, change);
        }

        await repository.Git("checkout", "-q", "main").ConfigureAwait(false);
        return repository;
    }

    /// <summary>
    /// Short soaks and timers so a pipeline takes about a minute: two canary stages (50 % = one host, then both),
    /// 6 s soaks analysed every 2 s, two failing analyses abort. Analysis: the hosts' health and the chaos error rate
    /// the local Prometheus reports for the canary's version.
    /// </summary>
    private static string Spec(IReadOnlyList<ChaosEnvironment> environments, int healthPort)
    {
        var spec = new StringBuilder();
        spec.AppendLine("# The chaos proof's fleet (bench/Soakline.Chaos): one production environment per branch, two hosts each.");
        spec.AppendLine("version: 1");
        spec.AppendLine("branches:");
        foreach (var e in environments)
        {
            spec.AppendLine(CultureInfo.InvariantCulture, $"  - pattern: {e.Branch}\n    mode: approval\n    environment: {e.Name}");
        }

        spec.AppendLine("environments:");
        foreach (var e in environments)
        {
            spec.AppendLine(CultureInfo.InvariantCulture, $"  {e.Name}:\n    kind: production");
        }

        spec.AppendLine("components:");
        spec.AppendLine("  app:");
        spec.AppendLine("    paths: [\"VERSION\", \"FAIL_AFTER\", \"hooks/**\"]");
        spec.AppendLine("    hosts:");
        foreach (var e in environments)
        {
            spec.AppendLine(CultureInfo.InvariantCulture, $"      {e.Name}: [{string.Join(", ", e.Hosts.Select(h => h.Name))}]");
        }

        spec.AppendLine(CultureInfo.InvariantCulture, $$"""
                releaseRoot: app
                sharedPaths: [logs/]
                deploy: sh hooks/deploy.sh
                restart: sh hooks/restart.sh
                health:
                  url: http://{host}:{{healthPort}}/health
                  attempts: 5
                  delay: 1s
                  timeout: 2s
                keepReleases: 3
            approval:
              approvers: [{{Approver}}]
              timeout: 1h
              expeditedTimeout: 10m
            strategy:
              type: canary
              steps: [50, 100]
              soak: 6s
            analysis:
              interval: 2s
              failureLimit: 2
              healthChecks: true
              metrics:
                - name: error-rate
                  provider: prometheus
                  query: max(chaos_error_rate{version="{version}"})
                  window: 10s
                  max: 5
            retention:
              keepReleases: 3
            """);
        return spec.ToString();
    }

    // The hooks are the repository owner's code: they record what they did in the host's ledger (one line each,
    // appended; short lines appended with >> are written whole). SOAKLINE_RELEASE_ROOT is <host folder>/app.
    private const string DeployHook = """
        #!/bin/sh
        # Deploy hook: runs in the unpacked release before the switch. Records itself in the host's ledger.
        set -eu
        printf '%s deploy-hook release=%s commit=%s\n' "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "$SOAKLINE_RELEASE" "$SOAKLINE_COMMIT" >>"$SOAKLINE_RELEASE_ROOT/../ledger.log"
        """;

    private const string RestartHook = """
        #!/bin/sh
        # Restart hook: runs in current after a switch. The host's service now serves this release (shared/running,
        # replaced atomically; the chaos driver answers the host's health and metrics from it). Recorded in the ledger.
        set -eu
        printf '%s\n' "$SOAKLINE_RELEASE" >"$SOAKLINE_SHARED_DIR/.running.$$"
        mv -f "$SOAKLINE_SHARED_DIR/.running.$$" "$SOAKLINE_SHARED_DIR/running"
        printf '%s restart release=%s\n' "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "$SOAKLINE_RELEASE" >>"$SOAKLINE_RELEASE_ROOT/../ledger.log"
        """;

    private async Task WriteAsync(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, content.ReplaceLineEndings("\n")).ConfigureAwait(false);
    }

    private async Task<string> CommitAsync(string message)
    {
        await Git("add", "-A").ConfigureAwait(false);
        await Git("-c", Author, "-c", Email, "commit", "-q", "-m", message).ConfigureAwait(false);
        return await Git("rev-parse", "HEAD").ConfigureAwait(false);
    }

    private Task<string> Git(params string[] arguments) => Shell.RunAsync(Path, "git", arguments);
}
