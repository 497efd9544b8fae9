using Soakline.Functions.Tests.EngineWorker;

// One standalone engine worker on the hub named by ENGINE_HUB, until the process is stopped.
return await Serve.RunAsync();
