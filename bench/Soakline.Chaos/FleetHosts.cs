using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Soakline.Chaos;

/// <summary>
/// The fleet's hosts on this machine: one folder and one loopback address per host, reached by the app's local deploy
/// target. Each host keeps an append-only effect ledger (<see cref="ChaosHost.LedgerFile"/>): the repository's hooks
/// write theirs, and wrappers of <c>tar</c> and <c>mv</c> (first on the app's PATH, see <see cref="WrappersFolder"/>)
/// record each unpack and each switch of <c>current</c> as the deploy target performs it. What a host serves is the
/// release its last restart recorded in <c>shared/running</c>; this class answers for every host, on its address,
/// <c>/health</c> (failing once a release with a FAIL_AFTER file has run that long) and, on 127.0.0.1, a Prometheus
/// query API with <c>max(chaos_error_rate{version="..."})</c> from the same state. So analyses judge what the hosts run.
/// </summary>
internal sealed partial class FleetHosts : IAsyncDisposable
{
    private readonly WebApplication _server;
    private readonly IReadOnlyDictionary<string, ChaosHost> _byAddress;
    private readonly TimeProvider _clock;

    private FleetHosts(WebApplication server, IReadOnlyList<ChaosHost> hosts, string wrappersFolder, int healthPort, Uri prometheusUrl, TimeProvider clock)
    {
        _server = server;
        Hosts = hosts;
        _byAddress = hosts.ToDictionary(h => h.Address, StringComparer.Ordinal);
        WrappersFolder = wrappersFolder;
        HealthPort = healthPort;
        PrometheusUrl = prometheusUrl;
        _clock = clock;
    }

    public IReadOnlyList<ChaosHost> Hosts { get; }

    /// <summary>Put first on the app processes' PATH: <c>tar</c> and <c>mv</c> that record unpacks and switches, then run the real ones.</summary>
    public string WrappersFolder { get; }

    public int HealthPort { get; }

    public Uri PrometheusUrl { get; }

    public static async Task<FleetHosts> StartAsync(string hostsFolder, IReadOnlyList<ChaosHost> hosts, int healthPort, int prometheusPort, TimeProvider clock)
    {
        foreach (var host in hosts)
        {
            Directory.CreateDirectory(Path.Combine(host.ReleaseRoot, "shared"));
            await File.WriteAllTextAsync(host.LedgerFile, "").ConfigureAwait(false);
        }

        var wrappers = Directory.CreateDirectory(Path.Combine(hostsFolder, ".wrappers")).FullName;
        await WriteWrapperAsync(Path.Combine(wrappers, "tar"), TarWrapper(RealProgram("tar"), hostsFolder)).ConfigureAwait(false);
        await WriteWrapperAsync(Path.Combine(wrappers, "mv"), MvWrapper(RealProgram("mv"), hostsFolder)).ConfigureAwait(false);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls([.. hosts.Select(h => $"http://{h.Address}:{healthPort}"), $"http://127.0.0.1:{prometheusPort}"]);
        var server = builder.Build();
        var fleet = new FleetHosts(server, hosts, wrappers, healthPort, new Uri($"http://127.0.0.1:{prometheusPort}/"), clock);
        server.MapGet("/health", fleet.Health);
        server.MapGet("/api/v1/query", fleet.Query);
        await server.StartAsync().ConfigureAwait(false);
        return fleet;
    }

    /// <summary>The release a host's service runs (its last restart), or null before its first.</summary>
    public static string? RunningRelease(ChaosHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return File.Exists(host.RunningFile) ? File.ReadAllText(host.RunningFile).Trim() : null;
    }

    /// <summary>The release <c>current</c> points at, or null before the first switch.</summary>
    public static string? CurrentRelease(ChaosHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var link = new FileInfo(Path.Combine(host.ReleaseRoot, "current"));
        return link.LinkTarget is { } target ? Path.GetFileName(target) : null;
    }

    private IResult Health(HttpContext context)
    {
        var address = context.Connection.LocalIpAddress?.ToString() ?? "";
        if (!_byAddress.TryGetValue(address, out var host))
        {
            return Results.Text($"no host at {address}", statusCode: StatusCodes.Status404NotFound);
        }

        return RunningRelease(host) is not { } release
            ? Results.Text("not started", statusCode: StatusCodes.Status503ServiceUnavailable)
            : Failing(host, release)
                ? Results.Text($"{release}: failing", statusCode: StatusCodes.Status500InternalServerError)
                : Results.Text($"{release}: ok");
    }

    /// <summary>
    /// Prometheus' instant query for <c>max(chaos_error_rate{version="..."})</c>: the highest error rate among the hosts
    /// running that version (a failing release: 50 %, else 0.2 %), one series; none (no data) when no host runs it.
    /// </summary>
    private IResult Query(HttpContext context)
    {
        var query = context.Request.Query["query"].ToString();
        if (VersionQuery().Match(query) is not { Success: true } match)
        {
            return Results.Json(new JsonObject { ["status"] = "error", ["errorType"] = "bad_data", ["error"] = $"unknown query: {query}" }, statusCode: 400);
        }

        var version = match.Groups["version"].Value;
        var rates = Hosts.Where(h => RunningRelease(h) == version).Select(h => Failing(h, version) ? 50.0 : 0.2).ToList();
        var samples = new JsonArray();
        if (rates.Count > 0)
        {
            var now = _clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
            samples.Add(new JsonObject
            {
                ["metric"] = new JsonObject(),
                ["value"] = new JsonArray(now, rates.Max().ToString(CultureInfo.InvariantCulture)),
            });
        }

        return Results.Json(new JsonObject { ["status"] = "success", ["data"] = new JsonObject { ["resultType"] = "vector", ["result"] = samples } });
    }

    /// <summary>A release that carries FAIL_AFTER (seconds) fails once it has run that long since its restart.</summary>
    private bool Failing(ChaosHost host, string release)
    {
        var failAfter = Path.Combine(host.ReleaseRoot, "releases", release, "FAIL_AFTER");
        if (!File.Exists(failAfter) || !int.TryParse(File.ReadAllText(failAfter).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var startedAt = File.GetLastWriteTimeUtc(host.RunningFile);
        return _clock.GetUtcNow().UtcDateTime - startedAt >= TimeSpan.FromSeconds(seconds);
    }

    private static string RealProgram(string name) =>
        new[] { "/usr/bin", "/bin" }.Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{name} not found in /usr/bin or /bin: the hosts need GNU coreutils and tar.");

    private static async Task WriteWrapperAsync(string path, string script)
    {
        await File.WriteAllTextAsync(path, script.ReplaceLineEndings("\n")).ConfigureAwait(false);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The chaos proof's hosts are POSIX shells: run it on Linux.");
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
    }

    // The deploy target unpacks with `tar -xzf <upload> -C <host>/app/releases/<id> --strip-components=1`: after a
    // successful unpack into a host's release folder, one "unpack" line in that host's ledger.
    private static string TarWrapper(string realTar, string hostsFolder) => $$"""
        #!/bin/sh
        # Chaos ledger wrapper for tar (bench/Soakline.Chaos): runs the real tar, then records an unpack into a host's release.
        hosts='{{hostsFolder}}'
        dir=''
        previous=''
        for argument in "$@"; do
          [ "$previous" = "-C" ] && dir=$argument
          previous=$argument
        done
        '{{realTar}}' "$@" || exit $?
        case "$dir" in
          "$hosts"/*/app/releases/*)
            host=${dir#"$hosts"/}
            host=${host%%/*}
            printf '%s unpack release=%s\n' "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "${dir##*/}" >>"$hosts/$host/ledger.log" ;;
        esac
        exit 0
        """;

    // The switch is `mv -T -- <host>/app/.current-<id> <host>/app/current`: records where current pointed before and
    // after, so the checker can tell a real switch from a repeated one (same release: a no-op in state).
    private static string MvWrapper(string realMv, string hostsFolder) => $$"""
        #!/bin/sh
        # Chaos ledger wrapper for mv (bench/Soakline.Chaos): a switch of a host's current is recorded with before and after.
        hosts='{{hostsFolder}}'
        if [ "$#" -eq 4 ] && [ "$1" = "-T" ] && [ "$2" = "--" ]; then
          case "$4" in
            "$hosts"/*/app/current)
              before=$(readlink -- "$4" 2>/dev/null || echo none)
              after=$(readlink -- "$3")
              '{{realMv}}' "$@" || exit $?
              host=${4#"$hosts"/}
              host=${host%%/*}
              printf '%s switch from=%s to=%s\n' "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "${before##*/}" "${after##*/}" >>"$hosts/$host/ledger.log"
              exit 0 ;;
          esac
        fi
        exec '{{realMv}}' "$@"
        """;

    [GeneratedRegex("""^max\(chaos_error_rate\{version="(?<version>[^"]+)"\}\)$""", RegexOptions.CultureInvariant)]
    private static partial Regex VersionQuery();

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync().ConfigureAwait(false);
        await _server.DisposeAsync().ConfigureAwait(false);
    }
}
