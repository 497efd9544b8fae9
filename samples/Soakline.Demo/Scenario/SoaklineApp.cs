using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Soakline.Demo.Infrastructure;

namespace Soakline.Demo.Scenario;

/// <summary>
/// The Soakline app as a real standalone process on a free loopback port, with secrets generated for this run, and
/// the two ways the demo talks to it: signed GitHub webhook deliveries and the API.
/// </summary>
public sealed class SoaklineApp : IDisposable
{
    private readonly ChildProcess _process;
    private readonly byte[] _webhookSecret;
    private readonly HttpClient _api;

    private SoaklineApp(ChildProcess process, Uri baseUrl, string apiKey, byte[] webhookSecret)
    {
        _process = process;
        BaseUrl = baseUrl;
        ApiKey = apiKey;
        _webhookSecret = webhookSecret;
        _api = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        _api.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
    }

    public Uri BaseUrl { get; }

    public string ApiKey { get; }

    /// <param name="settings">The adapters' settings (storage, GitHub, hosts, mail); the secrets are added here.</param>
    public static async Task<SoaklineApp> StartAsync(string appDll, IDictionary<string, string> settings, string logFile, CancellationToken cancellationToken)
    {
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort.On(IPAddress.Loopback)}/");
        var apiKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        var webhookSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        var environment = new Dictionary<string, string>(settings, StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = baseUrl.AbsoluteUri.TrimEnd('/'),
            ["Soakline__TaskHub"] = "demo" + Guid.NewGuid().ToString("N")[..12],
            ["Soakline__ApiKey"] = apiKey,
            ["Soakline__GitHub__WebhookSecret"] = webhookSecret,
            ["Soakline__Approvals__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            ["Soakline__ApprovalMail__PublicBaseUrl"] = baseUrl.AbsoluteUri,
        };
        var process = ChildProcess.Start("Soakline app", "dotnet", [appDll], Path.GetDirectoryName(appDll)!, environment, logFile);
        var app = new SoaklineApp(process, baseUrl, apiKey, Encoding.UTF8.GetBytes(webhookSecret));
        try
        {
            await app.WaitUntilHealthyAsync(logFile, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            app.Dispose();
            throw;
        }

        return app;
    }

    private async Task WaitUntilHealthyAsync(string logFile, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} at start; its log: {logFile}");
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

        throw new TimeoutException($"The app did not answer /healthz within 60 s; its log: {logFile}");
    }

    /// <summary>Sends a GitHub push delivery, signed with the webhook secret; returns the pipeline's instance id.</summary>
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
        return response.StatusCode == HttpStatusCode.Accepted && reply.TryGetProperty("instanceId", out var id) && id.GetString() is { } instanceId
            ? instanceId
            : throw new InvalidOperationException($"The webhook answered {(int)response.StatusCode}: {reply}");
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
