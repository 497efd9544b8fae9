using Soakline.Demo.Kit.Hosts;
using Soakline.Demo.Kit.Scenario;
using Xunit.Abstractions;

namespace Soakline.Cli.Tests.RealApp;

/// <summary>The demo's rig around the built app, for the CLI's tests against the running app.</summary>
internal static class RealAppRig
{
    /// <param name="connectGitHub">False: the app's only source control is the demo repository's local clone.</param>
    public static Task<DemoRig> StartAsync(ITestOutputHelper output, CancellationToken cancellationToken, bool connectGitHub = true)
    {
        Assert.True(File.Exists(RealAppLocations.AppAssembly), $"The app is not built at {RealAppLocations.AppAssembly}: build Functions.sln first (./run test does).");
        return DemoRig.StartAsync(new DemoPaths(RealAppLocations.SamplesFolder, RealAppLocations.AppAssembly), new LocalShellAccess(), new TestOutputLines(output), cancellationToken, connectGitHub);
    }

    /// <summary>The CLI's connection flags for the rig's app.</summary>
    public static string[] Connection(DemoRig rig) => ["--url", rig.App.BaseUrl.AbsoluteUri, "--api-key", rig.App.ApiKey];
}
