using System.Net;
using Soakline.Demo.Kit.App;
using Soakline.Demo.Kit.Processes;

namespace Soakline.Chaos;

/// <summary>
/// The Soakline app as two standalone processes on one task hub (one installation: same hub, keys and secrets; each
/// its own address and engine worker id). Either may be SIGKILLed and is then started again under the same identity.
/// Calls to the app go to a process that is up and move to the other when the one asked dies under them.
/// </summary>
internal sealed class AppPair : IDisposable
{
    private static readonly TimeSpan CallPatience = TimeSpan.FromMinutes(3);
    private readonly SoaklineApp[] _apps;
    private readonly bool[] _up;
    private int _next;

    private readonly TimeProvider _clock;

    private AppPair(SoaklineApp[] apps, TimeProvider clock)
    {
        _apps = apps;
        _clock = clock;
        _up = [.. apps.Select(_ => true)];
    }

    public int Count => _apps.Length;

    public static string NameOf(int index) => $"app-{(char)('a' + index)}";

    public static async Task<AppPair> StartAsync(string appDll, IReadOnlyDictionary<string, string> settings, string logsFolder, TimeProvider clock, CancellationToken cancellationToken)
    {
        var first = AppIdentity.NewOnLoopback() with { WorkerSlot = "a" };
        var second = first with { BaseUrl = new Uri($"http://127.0.0.1:{FreePort.On(IPAddress.Loopback)}/"), WorkerSlot = "b" };
        var apps = new List<SoaklineApp>();
        try
        {
            foreach (var (identity, index) in new[] { first, second }.Select((identity, index) => (identity, index)))
            {
                apps.Add(await SoaklineApp.StartAsync(appDll, identity, settings, Path.Combine(logsFolder, $"app-{(char)('a' + index)}.log"), cancellationToken).ConfigureAwait(false));
            }
        }
        catch
        {
            apps.ForEach(a => a.Dispose());
            throw;
        }

        return new AppPair([.. apps], clock);
    }

    /// <summary>The planned process if it is up, else the other one; waits while both are starting again.</summary>
    public async Task<int> PickToKillAsync(int planned, CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_up)
            {
                if (_up[planned])
                {
                    return planned;
                }

                var other = (planned + 1) % _apps.Length;
                if (_up[other])
                {
                    return other;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), _clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>SIGKILL: no shutdown, whatever the process was doing simply stops.</summary>
    public async Task KillAsync(int index)
    {
        lock (_up)
        {
            _up[index] = false;
        }

        await _apps[index].KillAsync().ConfigureAwait(false);
    }

    /// <summary>Starts a killed process again under the same identity; waits until it answers /healthz.</summary>
    public async Task RestartAsync(int index, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _apps[index].RestartAsync(cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (Exception ex) when (attempt < 5 && ex is TimeoutException or InvalidOperationException)
            {
                // It may fail to start while Azurite restarts; a process that did not come up is started again.
                await _apps[index].KillAsync().ConfigureAwait(false);
            }
        }

        lock (_up)
        {
            _up[index] = true;
        }
    }

    /// <summary>Runs a call on a live process, moving to the other one when a process dies or storage is away meanwhile.</summary>
    public async Task<T> CallAsync<T>(Func<SoaklineApp, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var started = _clock.GetTimestamp();
        while (true)
        {
            var app = _apps[Pick()];
            try
            {
                return await call(app).ConfigureAwait(false);
            }
            catch (Exception ex) when (_clock.GetElapsedTime(started) < CallPatience && !cancellationToken.IsCancellationRequested
                && ex is HttpRequestException or TaskCanceledException or IOException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(300), _clock, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private int Pick()
    {
        lock (_up)
        {
            for (var i = 0; i < _apps.Length; i++)
            {
                var candidate = (_next + i) % _apps.Length;
                if (_up[candidate])
                {
                    _next = candidate + 1;
                    return candidate;
                }
            }

            // Both down for a moment: ask one anyway; the call fails and is retried.
            return _next++ % _apps.Length;
        }
    }

    /// <summary>The base address of a live process (for links that must be opened on the app).</summary>
    public Uri LiveBaseUrl() => _apps[Pick()].BaseUrl;

    public void Dispose()
    {
        foreach (var app in _apps)
        {
            app.Dispose();
        }
    }
}
