using Microsoft.Playwright;
using Soakline.Integrations.Tests.Fixtures;

namespace Soakline.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven through Microsoft.Playwright. Playwright's .NET package carries its Node driver in
/// <c>.playwright/</c> next to the test assembly, so nothing is downloaded: the browser is the system's
/// (<see cref="ExecutablePath"/>), browser downloads are switched off and the browsers path points at an empty
/// folder, so a stray cached browser can never be picked instead.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime, IDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly TempDirectory _profile = new("chromium-profile");
    private readonly TempDirectory _browsers = new("playwright-browsers");
    private IPlaywright? _playwright;
    private IBrowserContext? _context;

    public IBrowserContext Context => _context ?? throw new InvalidOperationException("Chromium has not started");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium not found at {ExecutablePath}: apt-get install chromium (./run test installs it)");
        }

        var driver = Path.Combine(AppContext.BaseDirectory, ".playwright", "package", "cli.js");
        if (!File.Exists(driver))
        {
            throw new InvalidOperationException($"Playwright's driver is missing ({driver}): it comes with the Microsoft.Playwright package; rebuild the test project");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_BROWSERS_PATH", _browsers.Path);
        _playwright = await Playwright.CreateAsync();
        // A persistent context is how Playwright takes a user data dir (it refuses --user-data-dir in Args):
        // a new empty profile per run, so nothing from an earlier run or a developer's browser leaks in.
        _context = await _playwright.Chromium.LaunchPersistentContextAsync(_profile.Path, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ChromiumArguments,
            ViewportSize = new ViewportSize { Width = 1024, Height = 640 },
            Timeout = BusyMachineDeadlineMs,
        });

        // Playwright's own 30 s default for every wait (navigation, load state, locators) is a deadline, not a pause:
        // on two cores kept busy by another process, Chromium has been seen needing longer than that for one page
        // load after the sign-in redirect. A passing wait returns as soon as its state is reached, so only a real
        // hang costs the longer deadline.
        _context.SetDefaultTimeout(BusyMachineDeadlineMs);
        _context.SetDefaultNavigationTimeout(BusyMachineDeadlineMs);
    }

    /// <summary>The longest any browser step may take before the test fails.</summary>
    private const float BusyMachineDeadlineMs = 120_000;

    /// <summary>A new tab; the caller closes it.</summary>
    public Task<IPage> NewPageAsync() => Context.NewPageAsync();

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>Called by xunit after <see cref="DisposeAsync"/>: the profile goes once the browser has closed.</summary>
    public void Dispose()
    {
        _profile.Dispose();
        _browsers.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "chromium";
}
