using Soakline.Durable.Conformance;

namespace Soakline.Durable.Testing.Tests.Conformance;

// The shared semantic suite, run on the in-memory backend. The Azure Storage test project derives the same classes.
public sealed class InMemoryActivityTests(InMemoryBackendFixture fixture) : ActivityConformance(fixture), IClassFixture<InMemoryBackendFixture>;

public sealed class InMemoryTimerTests(InMemoryBackendFixture fixture) : TimerConformance(fixture), IClassFixture<InMemoryBackendFixture>;

public sealed class InMemoryExternalEventTests(InMemoryBackendFixture fixture) : ExternalEventConformance(fixture), IClassFixture<InMemoryBackendFixture>;

public sealed class InMemorySubOrchestrationTests(InMemoryBackendFixture fixture) : SubOrchestrationConformance(fixture), IClassFixture<InMemoryBackendFixture>;

public sealed class InMemoryLifecycleTests(InMemoryBackendFixture fixture) : LifecycleConformance(fixture), IClassFixture<InMemoryBackendFixture>;

public sealed class InMemoryContinueAsNewTests(InMemoryBackendFixture fixture) : ContinueAsNewConformance(fixture), IClassFixture<InMemoryBackendFixture>;

public sealed class InMemoryDeterminismTests(InMemoryBackendFixture fixture) : DeterminismConformance(fixture), IClassFixture<InMemoryBackendFixture>;

public sealed class InMemoryRetryTests(InMemoryBackendFixture fixture) : RetryConformance(fixture), IClassFixture<InMemoryBackendFixture>;

public sealed class InMemoryQueryTests(InMemoryBackendFixture fixture) : QueryConformance(fixture), IClassFixture<InMemoryBackendFixture>;

public sealed class InMemoryOrchestratorErrorTests(InMemoryBackendFixture fixture) : OrchestratorErrorConformance(fixture), IClassFixture<InMemoryBackendFixture>;
