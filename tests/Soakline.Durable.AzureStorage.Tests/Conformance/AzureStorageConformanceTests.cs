using Soakline.Durable.AzureStorage.Tests.Azurite;
using Soakline.Durable.Conformance;

namespace Soakline.Durable.AzureStorage.Tests.Conformance;

// The shared semantic suite, run on the Azure Storage backend against Azurite.
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageActivityTests(AzuriteFixture azurite) : ActivityConformance(new AzureStorageBackendFixture(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageTimerTests(AzuriteFixture azurite) : TimerConformance(new AzureStorageBackendFixture(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageExternalEventTests(AzuriteFixture azurite) : ExternalEventConformance(new AzureStorageBackendFixture(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageSubOrchestrationTests(AzuriteFixture azurite) : SubOrchestrationConformance(new AzureStorageBackendFixture(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageLifecycleTests(AzuriteFixture azurite) : LifecycleConformance(new AzureStorageBackendFixture(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageContinueAsNewTests(AzuriteFixture azurite) : ContinueAsNewConformance(new AzureStorageBackendFixture(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageDeterminismTests(AzuriteFixture azurite) : DeterminismConformance(new AzureStorageBackendFixture(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageRetryTests(AzuriteFixture azurite) : RetryConformance(new AzureStorageBackendFixture(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageQueryTests(AzuriteFixture azurite) : QueryConformance(new AzureStorageBackendFixture(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageOrchestratorErrorTests(AzuriteFixture azurite) : OrchestratorErrorConformance(new AzureStorageBackendFixture(azurite));
