using System.Text.Json.Nodes;
using Soakline.Infra.Tests.Bicep;

namespace Soakline.Infra.Tests;

/// <summary>
/// One Bicep run for a whole folder must still fail exactly the file at fault: diagnostics go to the file
/// they name, and a file with no compiled output fails its own case instead of passing unnoticed.
/// </summary>
[Collection(BicepProbeFolderCollection.Name)]
public sealed class BicepFolderBuildTests(BicepProbeFolder probes)
{
    [Fact]
    public void A_broken_file_gets_its_own_diagnostics_and_fails_with_the_CLIs_message()
    {
        var broken = probes.Build.For(BicepProbeFolder.Broken);

        Assert.False(broken.IsClean);
        Assert.Contains(broken.Diagnostics, d => d.Level == "Error" && d.Code.StartsWith("BCP", StringComparison.Ordinal));
        Assert.All(broken.Diagnostics, d => Assert.Equal(probes.PathOf(BicepProbeFolder.Broken), Path.GetFullPath(d.File)));
        Assert.Null(broken.CompiledJson);
        Assert.Contains("Error BCP", broken.Describe(), StringComparison.Ordinal);
        Assert.Contains("no compiled JSON for " + BicepProbeFolder.Broken, broken.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_clean_file_beside_it_passes_with_its_compiled_template()
    {
        var clean = probes.Build.For(BicepProbeFolder.Clean);

        Assert.True(clean.IsClean, clean.Describe());
        Assert.Empty(clean.Diagnostics);
        Assert.IsType<JsonObject>(JsonNode.Parse(clean.CompiledJson!));
    }

    [Fact]
    public void A_file_the_run_did_not_cover_fails_its_case()
    {
        var absent = probes.Build.For("mixed/not-in-the-run.bicep");

        Assert.False(absent.IsClean);
        Assert.Null(absent.CompiledJson);
        Assert.Contains("no compiled JSON for mixed/not-in-the-run.bicep", absent.Describe(), StringComparison.Ordinal);
    }
}
