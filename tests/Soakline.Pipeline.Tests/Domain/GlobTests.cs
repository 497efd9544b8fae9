using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Tests.Domain;

public sealed class GlobTests
{
    [Theory]
    [InlineData("hotfix/*", "hotfix/login", true)]
    [InlineData("hotfix/*", "hotfix/a/b", false)]
    [InlineData("hotfix/**", "hotfix/a/b", true)]
    [InlineData("hotfix/*", "hotfix", false)]
    [InlineData("main", "main", true)]
    [InlineData("main", "maintenance", false)]
    [InlineData("backend/**", "backend", true)]
    [InlineData("backend/**", "backend/app/main.py", true)]
    [InlineData("backend/**", "backend-tools/x", false)]
    [InlineData("**/*.md", "README.md", true)]
    [InlineData("**/*.md", "docs/a/b.md", true)]
    [InlineData("release-?", "release-1", true)]
    [InlineData("release-?", "release-12", false)]
    [InlineData("v1.0", "v1x0", false)]
    [InlineData("**", "anything/at/all", true)]
    public void Matches_like_github_filters(string pattern, string value, bool expected) =>
        Assert.Equal(expected, Glob.Parse(pattern).IsMatch(value));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("a/***")]
    public void Rejects_bad_patterns_with_a_reason(string pattern)
    {
        Assert.False(Glob.TryParse(pattern, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
        Assert.Throws<FormatException>(() => Glob.Parse(pattern));
    }
}
