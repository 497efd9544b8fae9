using Soakline.Functions.Configuration;

namespace Soakline.Functions.Hosting;

/// <summary>
/// Decides the mode before any host is built. The Functions host starts a dotnet-isolated worker with
/// <c>--functions-uri http://127.0.0.1:{port}/</c> (plus worker and request ids); the worker maps that switch to the
/// configuration key <c>Functions:Worker:HostEndpoint</c>, and the native placeholder host passes the same key as an
/// environment variable instead. Either one means "the host is waiting for us on gRPC". App settings such as
/// FUNCTIONS_WORKER_RUNTIME are not a signal: local.settings.json carries them in standalone mode too.
/// </summary>
internal static class HostingModeDetector
{
    public const string HostEndpointSwitch = "--functions-uri";

    public static HostingMode Detect(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        if (args.Any(arg => arg.Equals(HostEndpointSwitch, StringComparison.OrdinalIgnoreCase)
            || arg.StartsWith(HostEndpointSwitch + "=", StringComparison.OrdinalIgnoreCase)))
        {
            return HostingMode.FunctionsWorker;
        }

        return string.IsNullOrEmpty(environment(SettingNames.FunctionsHostEndpoint))
            && string.IsNullOrEmpty(environment(SettingNames.ToConfigurationKey(SettingNames.FunctionsHostEndpoint)))
            ? HostingMode.Standalone
            : HostingMode.FunctionsWorker;
    }
}
