namespace Soakline.Functions.Configuration;

/// <summary>How the executable was started: by the Azure Functions host, or on its own.</summary>
public enum HostingMode
{
    /// <summary>Standalone: the app listens on its own URLs, polls its queues and runs its own timer scheduler.</summary>
    Standalone,

    /// <summary>
    /// Azure Functions custom handler: the host starts the executable with <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> and calls
    /// it for every HTTP, queue and timer trigger; the host checks function keys and owns the schedules.
    /// </summary>
    CustomHandler,
}
