using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Soakline.Demo.Kit.Processes;
using Soakline.Demo.Kit.Proof;
using Soakline.Functions.Releases;
using Soakline.Functions.Webhooks;
using Soakline.Pipeline.Domain;

namespace Soakline.EndToEnd.Tests.Webhooks;

/// <summary>
/// 500 concurrent webhook deliveries against the real app on Azure Storage (Azurite): duplicates, redeliveries, forged
/// signatures, oversized and malformed bodies, ignored events and pushes of other repositories. Each gets its own
/// answer, each commit pushed gets exactly one release pipeline, and no rejected request leaves a trace (no pipeline, no
/// ledger entry). Under <c>./run proof</c> (<see cref="ProofVariable"/> set) the flood is 5,000 deliveries at
/// concurrency 50 and its outcome goes into the proof's results directory.
/// </summary>
[Collection(FloodCollection.Name)]
public sealed class WebhookFloodTests : IAsyncLifetime
{
    public const string ProofVariable = "SOAKLINE_PROOF_FLOOD";
    private const int Seed = 8;
    private static readonly bool IsProof = Environment.GetEnvironmentVariable(ProofVariable) == "1";
    private static readonly int Scale = IsProof ? 10 : 1;
    private static readonly int Parallelism = IsProof ? 50 : 16;

    private AzuriteServer _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteServer.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    private FloodApp NewApp() => new(_azurite.ConnectionString, "flood" + Guid.NewGuid().ToString("N")[..16]);

    [Fact]
    public async Task A_flood_of_mixed_deliveries_starts_exactly_one_pipeline_per_pushed_commit_and_nothing_for_rejected_ones()
    {
        await using var app = NewApp();
        using var http = app.CreateClient();
        var plan = FloodPlan.Create(Seed, Scale);
        Assert.Equal(FloodPlan.Size * Scale, plan.Requests.Count);

        var clock = Stopwatch.StartNew();
        var results = await SendAllAsync(http, plan.Requests);
        clock.Stop();

        Assert.Equal(plan.Requests.Count, results.Count);
        var wrongStatus = results.Where(r => !r.Delivery.AllowedStatuses.Contains(r.Status)).ToList();
        Assert.True(wrongStatus.Count == 0, "wrong statuses:\n" + string.Join('\n', wrongStatus.Take(20)));
        foreach (var sha in plan.ValidCommits)
        {
            // Each delivery id of the commit is accepted once (its push recorded, 202) whichever copy won the race; the
            // other copies are duplicates. The pump then starts one pipeline per commit (checked below).
            var replies = results.Where(r => r.Delivery.Sha == sha).ToList();
            Assert.Equal(FloodPlan.DeliveryIdsPerCommit * FloodPlan.SendsPerDeliveryId, replies.Count);
            Assert.Equal(FloodPlan.DeliveryIdsPerCommit, replies.Count(r => r.Status == HttpStatusCode.Accepted && r.ReplyStatus == "accepted"));
            Assert.All(replies.Where(r => r.ReplyStatus != "accepted"), r => Assert.Equal((HttpStatusCode.OK, "duplicate"), (r.Status, r.ReplyStatus)));
        }

        Assert.All(results.Where(r => r.Delivery.Kind is DeliveryKind.IgnoredEvent or DeliveryKind.OtherRepository), r => Assert.Equal("ignored", r.ReplyStatus));
        Assert.All(results.Where(r => r.Delivery.IsRejected), r =>
        {
            Assert.Equal("problem", r.ReplyStatus);
            Assert.Equal(r.Delivery.Kind switch
            {
                DeliveryKind.BadSignature => HttpStatusCode.Unauthorized,
                DeliveryKind.Oversized => HttpStatusCode.RequestEntityTooLarge,
                _ => HttpStatusCode.BadRequest,
            }, r.Status);
        });

        var instances = await app.InstancesAsync();
        var releases = instances.Where(i => i.Name == DurableReleaseStarter.OrchestratorName).Select(i => i.InstanceId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(plan.ValidCommits.Select(ReleaseId).Order(StringComparer.Ordinal), releases);
        var touchedByRejected = instances.Where(i => plan.RejectedCommits.Any(sha => i.InstanceId.Contains(sha, StringComparison.Ordinal))).ToList();
        Assert.Empty(touchedByRejected);

        foreach (var delivery in plan.Requests.DistinctBy(d => d.DeliveryId))
        {
            Assert.True(delivery.IsRejected != await app.Ledger.HasSeenAsync(delivery.DeliveryId, CancellationToken.None), $"ledger holds the wrong answer for {delivery.Kind} {delivery.DeliveryId}");
        }

        if (IsProof)
        {
            ProofResult.Write(new ProofResult(
                "flood",
                $"{plan.Requests.Count:N0} deliveries at concurrency {Parallelism}: exactly one pipeline per allowed commit, nothing from a rejected one",
                $"{releases.Count} pipelines for {plan.ValidCommits.Count} allowed commits, {touchedByRejected.Count} for {plan.RejectedCommits.Count} rejected or ignored; {plan.Requests.Count:N0} answers in {clock.Elapsed.TotalSeconds:0.0} s ({plan.Requests.Count / clock.Elapsed.TotalSeconds:0}/s)",
                true,
                "duplicates, redeliveries, bad signatures, oversized and malformed bodies, unknown events, other repositories; real app on Azurite, in process (TestServer)"));
        }
    }

    [Fact]
    public async Task A_rejected_delivery_resent_with_a_valid_signature_is_accepted_exactly_once()
    {
        await using var app = NewApp();
        using var http = app.CreateClient();
        var plan = FloodPlan.Create(Seed + 1);
        await SendAllAsync(http, plan.Requests);
        var forged = plan.Requests.Where(d => d.Kind == DeliveryKind.BadSignature).Take(5).ToList();

        // GitHub redelivers with the same id once the secret is fixed; the earlier 401 must not have marked it handled.
        var resent = await SendAllAsync(http, forged.Select(d => d.SignedCorrectly()).ToList());
        var again = await SendAllAsync(http, forged.Select(d => d.SignedCorrectly()).ToList());

        Assert.All(resent, r => Assert.Equal((HttpStatusCode.Accepted, "accepted"), (r.Status, r.ReplyStatus)));
        Assert.All(again, r => Assert.Equal((HttpStatusCode.OK, "duplicate"), (r.Status, r.ReplyStatus)));
        var releases = (await app.InstancesAsync()).Where(i => i.Name == DurableReleaseStarter.OrchestratorName).Select(i => i.InstanceId).ToHashSet();
        Assert.All(forged, d => Assert.Contains(ReleaseId(d.Sha), releases));
        Assert.Equal(plan.ValidCommits.Count + forged.Count, releases.Count);
    }

    private static string ReleaseId(string sha) =>
        PipelineInstanceIds.ForPush(new CommitRef(new RepositoryRef(FloodDelivery.Owner, FloodDelivery.Name), sha, FloodDelivery.Branch));

    private static async Task<List<FloodResult>> SendAllAsync(HttpClient http, IReadOnlyList<FloodDelivery> deliveries)
    {
        var results = new ConcurrentBag<FloodResult>();
        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (delivery, cancellationToken) =>
        {
            using var request = delivery.ToRequest();
            using var response = await http.SendAsync(request, cancellationToken);
            // Refusals are RFC 9457 problem details; accepted deliveries answer a WebhookReply.
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            var reply = problem ? null : await response.Content.ReadFromJsonAsync<WebhookReply>(cancellationToken);
            results.Add(new FloodResult(delivery, response.StatusCode, problem ? "problem" : reply?.Status));
        });
        return [.. results];
    }
}
