using Microsoft.Extensions.DependencyInjection;
using Soakline.Functions.Releases;
using Soakline.Functions.Webhooks;

namespace Soakline.Functions.Tests.Infrastructure;

/// <summary>
/// The app in process with a <see cref="ScriptedReleaseStarter"/> in place of the engine's starter, a client on it and
/// its delivery ledger: the set-up the webhook's claim and start tests share, so each test class says only which
/// path it runs (the standalone pump, or starting the pipeline before answering as under Azure Functions).
/// </summary>
public sealed class ScriptedStarterApp : IAsyncDisposable
{
    private readonly SoaklineAppFactory _app;
    private readonly Lazy<HttpClient> _http;

    /// <param name="startBeforeAnswering">True for the Azure Functions path (no pump); false for the standalone pump.</param>
    /// <param name="quietPeriodOnAppClock">
    /// Time the webhook's quiet period (<see cref="WebhookAnswersInFlight.QuietPeriod"/>) on the app's fake clock, which
    /// only the test moves, instead of on real time as the app does.
    /// </param>
    public ScriptedStarterApp(bool startBeforeAnswering, bool quietPeriodOnAppClock = false)
    {
        var app = startBeforeAnswering ? new SoaklineAppFactory().StartingPushesBeforeAnswering() : new SoaklineAppFactory();
        if (quietPeriodOnAppClock)
        {
            app = app.WithServices(s => s.AddSingleton(new WebhookAnswersInFlight(app.Clock)));
        }

        _app = app.WithServices(s => s.AddSingleton<IReleaseStarter>(Starter));
        _http = new Lazy<HttpClient>(_app.CreateClient);
    }

    public ScriptedReleaseStarter Starter { get; } = new();

    public HttpClient Http => _http.Value;

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock => _app.Clock;

    public IServiceProvider Services => _app.Services;

    public IDeliveryLedger Ledger => _app.Services.GetRequiredService<IDeliveryLedger>();

    /// <summary>A signed push delivery with this id (a new id when null).</summary>
    public Task<HttpResponseMessage> PushAsync(string? deliveryId = null) =>
        Http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push(), deliveryId));

    public Task PushesStartedAsync() => _app.PushesStartedAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
