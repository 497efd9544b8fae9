using Soakline.Pipeline.Spec.Loading;

namespace Soakline.Pipeline.Tests.Spec;

/// <summary>Release roots: absolute, or relative to each host's base directory, never escaping it.</summary>
public sealed class ReleaseRootTests
{
    [Theory]
    [InlineData("/srv/api")]
    [InlineData("apps/api")]
    [InlineData("api")]
    public void An_absolute_or_relative_release_root_is_accepted_as_written(string root)
    {
        var loaded = PipelineSpecLoader.Load(SpecText.Valid().Replace("/srv/api", root, StringComparison.Ordinal));

        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        Assert.Equal(root, loaded.Spec!.Components.Single(c => c.Name == "api").ReleaseRoot);
    }

    [Theory]
    [InlineData("../api")]
    [InlineData("/srv/../etc")]
    [InlineData("apps/$(whoami)")]
    [InlineData("apps api")]
    public void A_release_root_that_escapes_or_carries_shell_characters_is_refused_with_its_line(string root)
    {
        var loaded = PipelineSpecLoader.Load(SpecText.Valid().Replace("/srv/api", root, StringComparison.Ordinal));

        var error = Assert.Single(loaded.Errors, e => e.Path == "components.api.releaseRoot");
        Assert.True(error.Line > 0);
    }
}
