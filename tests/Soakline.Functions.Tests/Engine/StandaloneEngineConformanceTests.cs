using Soakline.Durable.Conformance;
using Soakline.Functions.Tests.Engine.Standalone.Infrastructure;

namespace Soakline.Functions.Tests.Engine;

// The shared semantic suite on the app's standalone engine over Azurite; Soakline.Durable.Testing.Tests runs the same
// classes on the fake-clock host. One collection with the engine tests: one Azurite, one class at a time.
[Collection(EngineCollection.Name)]
public sealed class StandaloneActivityTests(EngineFixture engine) : ActivityConformance(new StandaloneEngineBackend(engine));

[Collection(EngineCollection.Name)]
public sealed class StandaloneTimerTests(EngineFixture engine) : TimerConformance(new StandaloneEngineBackend(engine));

[Collection(EngineCollection.Name)]
public sealed class StandaloneExternalEventTests(EngineFixture engine) : ExternalEventConformance(new StandaloneEngineBackend(engine));

[Collection(EngineCollection.Name)]
public sealed class StandaloneSubOrchestrationTests(EngineFixture engine) : SubOrchestrationConformance(new StandaloneEngineBackend(engine));

[Collection(EngineCollection.Name)]
public sealed class StandaloneLifecycleTests(EngineFixture engine) : LifecycleConformance(new StandaloneEngineBackend(engine));

[Collection(EngineCollection.Name)]
public sealed class StandaloneContinueAsNewTests(EngineFixture engine) : ContinueAsNewConformance(new StandaloneEngineBackend(engine));

[Collection(EngineCollection.Name)]
public sealed class StandaloneDeterminismTests(EngineFixture engine) : DeterminismConformance(new StandaloneEngineBackend(engine));

[Collection(EngineCollection.Name)]
public sealed class StandaloneRetryTests(EngineFixture engine) : RetryConformance(new StandaloneEngineBackend(engine));

[Collection(EngineCollection.Name)]
public sealed class StandaloneQueryTests(EngineFixture engine) : QueryConformance(new StandaloneEngineBackend(engine));

[Collection(EngineCollection.Name)]
public sealed class StandaloneOrchestratorErrorTests(EngineFixture engine) : OrchestratorErrorConformance(new StandaloneEngineBackend(engine));
