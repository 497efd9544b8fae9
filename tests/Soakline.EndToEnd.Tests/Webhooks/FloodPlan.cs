using System.Security.Cryptography;
using System.Text;

namespace Soakline.EndToEnd.Tests.Webhooks;

/// <summary>
/// The requests of the flood, shuffled with a fixed seed: pushes of ten commits per 500 requests, each under several
/// delivery ids each sent several times, and rejected or ignored requests (forged, oversized, malformed, unknown events,
/// pushes of other repositories) about commits no valid push ever names. <c>scale</c> multiplies every count.
/// </summary>
internal sealed record FloodPlan(IReadOnlyList<FloodDelivery> Requests, IReadOnlyList<string> ValidCommits, IReadOnlyList<string> RejectedCommits)
{
    public const int ValidCommitCount = 10;
    public const int DeliveryIdsPerCommit = 6;
    public const int SendsPerDeliveryId = 5;
    public const int BadSignatures = 60;
    public const int OversizedBodies = 50;
    public const int MalformedBodies = 50;
    public const int IgnoredEvents = 20;
    public const int OtherRepositories = 20;

    /// <summary>Requests at scale 1.</summary>
    public const int Size = (ValidCommitCount * DeliveryIdsPerCommit * SendsPerDeliveryId) + BadSignatures + OversizedBodies + MalformedBodies + IgnoredEvents + OtherRepositories;

    public static FloodPlan Create(int seed, int scale = 1)
    {
        var requests = new List<FloodDelivery>();
        var valid = Enumerable.Range(0, ValidCommitCount * scale).Select(i => Sha($"valid-{seed}-{i}")).ToList();
        foreach (var sha in valid)
        {
            for (var d = 0; d < DeliveryIdsPerCommit; d++)
            {
                var delivery = FloodDelivery.Push(sha, Guid.NewGuid().ToString());
                requests.AddRange(Enumerable.Repeat(delivery, SendsPerDeliveryId));
            }
        }

        // Every rejected or ignored request names a commit of its own, so any pipeline for it would be a side effect.
        var rejected = new List<string>();
        void Add(int count, string label, Func<string, string, FloodDelivery> make)
        {
            for (var i = 0; i < count * scale; i++)
            {
                var sha = Sha($"{label}-{seed}-{i}");
                rejected.Add(sha);
                requests.Add(make(sha, Guid.NewGuid().ToString()));
            }
        }

        Add(BadSignatures, "bad-signature", FloodDelivery.BadSignature);
        Add(OversizedBodies, "oversized", FloodDelivery.Oversized);
        Add(MalformedBodies, "malformed", FloodDelivery.MalformedJson);
        Add(IgnoredEvents, "ignored", FloodDelivery.IgnoredEvent);
        Add(OtherRepositories, "other-repository", FloodDelivery.OtherRepository);

        var shuffled = requests.ToArray();
        new Random(seed).Shuffle(shuffled);
        return new FloodPlan(shuffled, valid, rejected);
    }

    // A commit id has 40 hex digits; derived from a label so each kind of request names commits of its own.
    private static string Sha(string label) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(label)))[..40];
}
