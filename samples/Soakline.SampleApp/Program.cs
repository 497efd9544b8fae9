using Soakline.SampleApp;

// The demo's deployed application. Run from a release folder: `dotnet out/Soakline.SampleApp.dll --contentRoot .`
// (see deploy/run.sh); it binds to --urls or ASPNETCORE_URLS.
var builder = WebApplication.CreateBuilder(args);
var settings = SampleSettings.FromEnvironment(Environment.GetEnvironmentVariable);
var contentRoot = builder.Environment.ContentRootPath;
var release = ReleaseInfo.Read(contentRoot, settings);
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(release);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(services => new FailureSwitch(contentRoot, settings, services.GetRequiredService<TimeProvider>()));

var app = builder.Build();
var failure = app.Services.GetRequiredService<FailureSwitch>();

app.MapGet("/", () => Results.Content(HomePage.Render(release, failure.IsFailing), "text/html; charset=utf-8"));
app.MapGet("/health", () => failure.IsFailing
    ? Results.Json(new { status = "failing", release = release.ReleaseId }, statusCode: StatusCodes.Status503ServiceUnavailable)
    : Results.Json(new { status = "healthy", release = release.ReleaseId }));
app.MapGet("/api/work", (CancellationToken cancellationToken) => WorkEndpoint.HandleAsync(release, settings, failure, cancellationToken));

// The restart hook waits for this file instead of guessing with sleeps: it appears once Kestrel listens.
if (settings.ReadyFile is { } readyFile)
{
    app.Lifetime.ApplicationStarted.Register(() => File.WriteAllText(readyFile, $"{Environment.ProcessId}\n"));
}

app.Logger.LogInformation("Release {Release} (version {Version}, commit {Commit}) starting; fails after {FailAfter}",
    release.ReleaseId, release.Version, release.Commit, failure.FailAfter?.ToString() ?? "never");
await app.RunAsync();
