using System.Text.Json;
using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Tests.Domain;

public sealed class PipelineInstanceIdsTests
{
    private static readonly RepositoryRef Repo = new("acme", "shop");

    [Fact]
    public void Push_id_is_stable_for_the_same_repository_branch_and_commit()
    {
        var first = PipelineInstanceIds.ForPush(new CommitRef(Repo, "ABCDEF1234567", "hotfix/login"));
        var again = PipelineInstanceIds.ForPush(new CommitRef(Repo, "abcdef1234567", "hotfix/login"));
        var other = PipelineInstanceIds.ForPush(new CommitRef(Repo, "abcdef1234567", "main"));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal("release:acme:shop:hotfix~login:abcdef1234567", first);
        Assert.DoesNotContain('/', first);
    }

    [Fact]
    public void Push_id_needs_a_branch() =>
        Assert.ThrowsAny<ArgumentException>(() => PipelineInstanceIds.ForPush(new CommitRef(Repo, "abcdef1")));

    [Fact]
    public void Release_id_is_created_from_time_and_sha_and_survives_json()
    {
        var id = ReleaseId.Create(new DateTimeOffset(2026, 11, 23, 11, 45, 0, TimeSpan.Zero), "1A2B3C4D5E");

        Assert.Equal("20261123T114500Z-1a2b3c4", id.Value);
        var json = JsonSerializer.Serialize(new { Release = id });
        Assert.Equal("{\"Release\":\"20261123T114500Z-1a2b3c4\"}", json);
        Assert.Equal(id, JsonSerializer.Deserialize<ReleaseId>("\"20261123T114500Z-1a2b3c4\""));
        Assert.Throws<FormatException>(() => JsonSerializer.Deserialize<ReleaseId>("\"../../etc\""));
    }
}
