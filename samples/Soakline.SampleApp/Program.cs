using Soakline.SampleApp;

// The demo's deployed application. Run from a release folder: `dotnet out/Soakline.SampleApp.dll --contentRoot .`
// (see deploy/run.sh); it binds to --urls or ASPNETCORE_URLS.
var builder = WebApplication.CreateBuilder(args);
var contentRoot = builder.Environment.ContentRootPath;
SampleSettings settings;
ReleaseInfo release;
FailureSwitch failure;
try
{
    settings = SampleSettings.FromEnvironment(Environment.GetEnvironmentVariable);
    release = ReleaseInfo.Read(contentRoot, settings);
    failure = new FailureSwitch(contentRoot, settings, TimeProvider.System);
}
catch (Exception e) when (e is ArgumentException or InvalidOperationException)
{
    // One clear line instead of a stack trace: the restart hook shows the end of the log as the deploy's error.
    await Console.Error.WriteLineAsync($"Soakline.SampleApp cannot start: {e.Message}");
    return 2;
}

var app = builder.Build();

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
return 0;
