using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Soakline.Integrations.Deploy.Artifacts;
using Soakline.Integrations.Tests.Fixtures;
using Soakline.Pipeline.Domain;

namespace Soakline.Integrations.Tests.Deploy;

public sealed class GitArchiveArtifactSourceTests : IDisposable
{
    private readonly AppRepository _repository = new();
    private readonly TempDirectory _output = new("archive");

    [Fact]
    public async Task Writes_the_commit_as_a_gzipped_tarball_with_one_top_level_folder_and_describes_it()
    {
        var commit = _repository.Commit();
        var source = Source();
        var path = _output.Combine("out.tar.gz");

        var info = await source.WriteTarballAsync(commit, path, CancellationToken.None);

        Assert.Equal(path, info.Path);
        Assert.Equal(new FileInfo(path).Length, info.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), info.Sha256);
        var names = new List<string>();
        await using (var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress))
        {
            using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync() is { } entry)
            {
                names.Add(entry.Name);
            }
        }

        Assert.Contains($"tinyapp-{commit.ShortSha}/app.py", names);
        Assert.Contains($"tinyapp-{commit.ShortSha}/bin/restart", names);
        Assert.All(names.Where(n => n != "pax_global_header"), n => Assert.StartsWith($"tinyapp-{commit.ShortSha}/", n));
    }

    [Fact]
    public async Task Refuses_an_option_shaped_sha_and_an_unknown_repository()
    {
        var source = Source();
        var commit = _repository.Commit();

        var badSha = await Assert.ThrowsAsync<ArgumentException>(() =>
            source.WriteTarballAsync(commit with { Sha = "--output=/etc/passwd" }, _output.Combine("x.tar.gz"), CancellationToken.None));
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() =>
            source.WriteTarballAsync(commit with { Repository = new RepositoryRef("someone", "else") }, _output.Combine("y.tar.gz"), CancellationToken.None));

        Assert.StartsWith("Sha:", badSha.Message);
        Assert.StartsWith("Repository: 'someone/else'", unknown.Message);
        Assert.Empty(Directory.GetFiles(_output.Path));
    }

    [Fact]
    public async Task A_commit_that_does_not_exist_fails_with_gits_reason()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Source().WriteTarballAsync(new CommitRef(_repository.Repository, new string('a', 40)), _output.Combine("z.tar.gz"), CancellationToken.None));

        Assert.Contains("git archive of soakline/tinyapp@aaaaaaa failed", error.Message);
    }

    public void Dispose()
    {
        _repository.Dispose();
        _output.Dispose();
    }

    private GitArchiveArtifactSource Source()
    {
        var options = new LocalGitArtifactOptions();
        options.Repositories[_repository.Repository.FullName] = _repository.Path;
        return new GitArchiveArtifactSource(options);
    }
}
