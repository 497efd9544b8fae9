using System.Security.Cryptography;
using Soakline.Integrations.GitHub;
using Soakline.Pipeline.Ports;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static Soakline.Integrations.Tests.GitHub.GitHubFakeApi;

namespace Soakline.Integrations.Tests.GitHub;

public sealed class GitHubArtifactSourceTests : IDisposable
{
    private readonly GitHubFakeApi _api = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "soakline-artifact-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _api.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, true);
        }
    }

    [Fact]
    public async Task Tarball_of_the_commit_is_written_with_its_size_and_sha256()
    {
        var tarball = RandomNumberGenerator.GetBytes(64 * 1024);
        _api.Http.Server.Given(Request.Create().WithPath($"/api/v3/repos/acme/shop/tarball/{Sha}").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/x-gzip").WithBody(tarball));
        var destination = Path.Combine(_folder, "releases", "shop.tar.gz");

        var artifact = await new GitHubArtifactSource(_api.CreateClient(), _api.Executor).WriteTarballAsync(Commit, destination, CancellationToken.None);

        Assert.Equal(new ArtifactInfo(destination, tarball.Length, Convert.ToHexStringLower(SHA256.HashData(tarball))), artifact);
        Assert.Equal(tarball, await File.ReadAllBytesAsync(destination));
        Assert.False(File.Exists(destination + ".partial"));
    }

    [Fact]
    public async Task Unknown_commit_is_a_source_control_error_and_writes_nothing()
    {
        _api.Map("GET", $"/repos/acme/shop/tarball/{Sha}", 404, """{"message":"Not Found"}""");
        var destination = Path.Combine(_folder, "shop.tar.gz");

        await Assert.ThrowsAsync<SourceControlException>(() =>
            new GitHubArtifactSource(_api.CreateClient(), _api.Executor).WriteTarballAsync(Commit, destination, CancellationToken.None));

        Assert.False(File.Exists(destination));
    }
}
