using Soakline.Functions.Engine.Standalone;

namespace Soakline.Functions.Tests.Engine.Standalone.Infrastructure;

/// <summary>The worker id of the host an activity runs in, so a test can tell which process ran it.</summary>
public sealed record WorkerIdentity(string Id);
