using Soakline.Functions.Engine.Standalone;

namespace Soakline.Functions.Tests.Engine.Standalone.Infrastructure;

/// <summary>The engine tests share one Azurite and one worker and run one class at a time (two cores, shared).</summary>
[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "engine";
}
