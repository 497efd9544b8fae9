using Soakline.Functions.Engine.Standalone;

namespace Soakline.Functions.Tests.Engine.Standalone.Infrastructure;

public sealed record FlakyRequest(string Key, int Failures, int MaxAttempts);

public sealed record ChildReport(string Echo, string? ParentName, string? ParentInstanceId, string InstanceId);

public sealed record Stage(string StageName);
