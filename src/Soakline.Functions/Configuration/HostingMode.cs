namespace Soakline.Functions.Configuration;

/// <summary>How the executable was started: by the Azure Functions host as its isolated worker, or on its own.</summary>
internal enum HostingMode
{
    /// <summary>Standalone: Kestrel on the app's own URLs, the in-process durable engine and its own monitor scheduler.</summary>
    Standalone,

    /// <summary>
    /// Azure Functions isolated worker: the host starts the executable with <c>--functions-uri</c>, owns triggers,
    /// function keys, timer schedules and the Durable Task engine, and invokes the app's functions over gRPC.
    /// </summary>
    FunctionsWorker,
}
