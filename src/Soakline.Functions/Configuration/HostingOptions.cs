namespace Soakline.Functions.Configuration;

/// <summary>
/// What the platform tells the app about how it runs (<see cref="SettingNames.FunctionsHostEndpoint"/>,
/// <see cref="SettingNames.AppServiceAuthEnabled"/>): never set by an operator, so nothing here can be invalid.
/// </summary>
internal sealed class HostingOptions
{
    public string? FunctionsHostEndpoint { get; set; }

    public string? AppServiceAuthEnabled { get; set; }

    public HostingMode Mode => SettingValue.Of(FunctionsHostEndpoint) is null ? HostingMode.Standalone : HostingMode.FunctionsWorker;

    /// <summary>The App Service principal headers name the caller only under Azure Functions with authentication on.</summary>
    public bool AppServiceAuthentication =>
        Mode == HostingMode.FunctionsWorker && string.Equals(SettingValue.Of(AppServiceAuthEnabled), "true", StringComparison.OrdinalIgnoreCase);
}
