using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Tests.Domain;

public sealed class ChangeDetectorTests
{
    private static ComponentSpec Component(string name, params string[] paths) =>
        new(name, paths, new Dictionary<string, IReadOnlyList<string>>(), "/srv/" + name, [], null, null, [], null, 5);

    private static readonly ComponentSpec[] Components =
    [
        Component("backend", "backend/**", "scripts/deploy.sh"),
        Component("frontend", "frontend/**"),
    ];

    [Fact]
    public void Only_components_whose_paths_changed_are_deployed()
    {
        Assert.Equal(["frontend"], ChangeDetector.ChangedComponents(Components, ["frontend/src/app.tsx", "README.md"]));
        Assert.Equal(["backend"], ChangeDetector.ChangedComponents(Components, ["scripts/deploy.sh"]));
        Assert.Equal(["backend", "frontend"], ChangeDetector.ChangedComponents(Components, ["frontend/a", "backend/b"]));
    }

    [Fact]
    public void Unrelated_changes_deploy_nothing()
    {
        Assert.Empty(ChangeDetector.ChangedComponents(Components, ["docs/guide.md", ".github/workflows/ci.yml"]));
        Assert.Empty(ChangeDetector.ChangedComponents(Components, []));
    }
}
