using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Soakline.Demo.Kit.Processes;

namespace Soakline.Demo.Kit.App;

/// <summary>
/// The Soakline app as a real standalone process on a loopback port, and the two ways the demo talks to it: signed
/// GitHub webhook deliveries and the API. It can be killed like a crashing server (SIGKILL, no shutdown) and started
/// again with the same identity and settings, which is how the tests show that nothing is lost on a crash.
/// </summary>
public sealed class SoaklineApp : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _appDll;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _logFile;
    private readonly byte[] _webhookSecret;
    private readonly HttpClient _api;
    private ChildProcess _process;

    private SoaklineApp(string appDll, AppIdentity identity, IReadOnlyDictionary<string, string> environment, string logFile)
    {
        _appDll = appDll;
        Identity = identity;
        _environment = environment;
        _logFile = logFile;
        _webhookSecret = Encoding.UTF8.GetBytes(identity.WebhookSecret);
        _api = new HttpClient { BaseAddress = identity.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        _api.DefaultRequestHeaders.Add("X-Api-Key", identity.ApiKey);
        _process = Launch();
    }

    public AppIdentity Identity { get; }

    public Uri BaseUrl => Identity.BaseUrl;

    public string ApiKey => Identity.ApiKey;

    /// <summary>How many times the process was started (1 until <see cref="RestartAsync"/>).</summary>
    public int Starts { get; private set; } = 1;

    /// <param name="settings">The adapters' settings (storage, GitHub, hosts, mail); the identity's are added to them.</param>
    /// <param name="logFile">Both runs' output goes here, appended.</param>
    public static async Task<SoaklineApp> StartAsync(string appDll, AppIdentity identity, IReadOnlyDictionary<string, string> settings, string logFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(settings);
        var environment = new Dictionary<string, string>(settings, StringComparer.Ordinal);
        foreach (var (key, value) in identity.Settings())
        {
            environment[key] = value;
        }

        var app = new SoaklineApp(appDll, identity, environment, logFile);
        try
        {
            await app.WaitUntilHealthyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            app.Dispose();
            throw;
        }

        return app;
    }

    /// <summary>
    /// Kills the process the way a crash or an evicted host does: SIGKILL, no graceful shutdown, whatever it was doing
    /// (a queue message half handled, a timer about to fire) simply stops.
    /// </summary>
    public async Task KillAsync()
    {
        await _process.KillAsync().ConfigureAwait(false);
    }

    /// <summary>Starts the process again with the same identity and settings and waits until it answers /healthz.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        if (!_process.HasExited)
        {
            throw new InvalidOperationException("The app is still running: kill it before restarting it.");
        }

        _process.Dispose();
        _process = Launch();
        Starts++;
        await WaitUntilHealthyAsync(cancellationToken).ConfigureAwait(false);
    }

    private ChildProcess Launch() =>
        ChildProcess.Start("Soakline app", "dotnet", [_appDll], Path.GetDirectoryName(_appDll)!, _environment, _logFile);

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} at start; its log: {_logFile}");
            }

            try
            {
                using var response = await _api.GetAsync(new Uri("healthz", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"The app did not answer /healthz within {StartTimeout.TotalSeconds:0} s; its log: {_logFile}");
    }

    /// <summary>
    /// Sends a GitHub push delivery, signed with the webhook secret, and waits until its pipeline exists (standalone, the
    /// webhook answers once the push is recorded); returns the pipeline's instance id.
    /// </summary>
    public async Task<string> PushAsync(string repository, string branch, string before, string after, string message, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            @ref = "refs/heads/" + branch,
            before,
            after,
            deleted = false,
            repository = new { full_name = repository, name = repository.Split('/')[1], owner = new { login = repository.Split('/')[0] } },
            pusher = new { name = "demo" },
            head_commit = new { id = after, message, timestamp = DateTimeOffset.UtcNow.ToString("O"), author = new { name = "Soakline demo", username = "demo" } },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/github/webhook", UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexString(HMACSHA256.HashData(_webhookSecret, body)).ToLowerInvariant());
        using var response = await _api.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
        var instanceId = response.StatusCode == HttpStatusCode.Accepted && reply.TryGetProperty("instanceId", out var id) && id.GetString() is { } accepted
            ? accepted
            : throw new InvalidOperationException($"The webhook answered {(int)response.StatusCode}: {reply}");

        // 202 "accepted" means recorded: the app's pump starts the pipeline moments later. Callers read the pipeline
        // next, so wait until the API knows it.
        var deadline = DateTime.UtcNow + StartTimeout;
        while (await GetPipelineAsync(instanceId, cancellationToken).ConfigureAwait(false) is null)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The webhook accepted the push of {after[..7]} but its pipeline {instanceId} did not start within {StartTimeout.TotalSeconds:0} s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }

        return instanceId;
    }

    /// <summary>GET /api/pipelines/{id}: the pipeline, its environment runs and its timeline.</summary>
    public async Task<JsonElement?> GetPipelineAsync(string instanceId, CancellationToken cancellationToken)
    {
        using var response = await _api.GetAsync(new Uri($"api/pipelines/{Uri.EscapeDataString(instanceId)}", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _api.Dispose();
        _process.Dispose();
    }
}
