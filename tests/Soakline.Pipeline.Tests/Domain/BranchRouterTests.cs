using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Tests.Domain;

public sealed class BranchRouterTests
{
    [Theory]
    [InlineData("develop", "staging", BranchMode.Automatic)]
    [InlineData("main", "production", BranchMode.Approval)]
    [InlineData("refs/heads/main", "production", BranchMode.Approval)]
    [InlineData("hotfix/CVE-2026-1", "production", BranchMode.Expedited)]
    public void Default_rules_send_release_branches_to_their_environment(string branch, string environment, BranchMode mode)
    {
        var decision = BranchRouter.Route(SpecDefaults.Branches, branch);

        Assert.True(decision.Deploys);
        Assert.Equal(environment, decision.Environment);
        Assert.Equal(mode, decision.Mode);
        Assert.Equal(mode != BranchMode.Automatic, decision.NeedsApproval);
        Assert.Equal(mode == BranchMode.Expedited, decision.Expedited);
    }

    [Theory]
    [InlineData("feature/new-toc", "ignored")]
    [InlineData("ci-experimental/new-workflow", "ignored")]
    [InlineData("renovate/deps", "no branch rule matches")]
    public void Other_branches_deploy_nothing(string branch, string reason)
    {
        var decision = BranchRouter.Route(SpecDefaults.Branches, branch);

        Assert.False(decision.Deploys);
        Assert.Null(decision.Environment);
        Assert.Contains(reason, decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void First_matching_rule_wins()
    {
        BranchRule[] rules = [new("release/legacy", BranchMode.Ignore, null), new("release/*", BranchMode.Automatic, "staging")];

        Assert.False(BranchRouter.Route(rules, "release/legacy").Deploys);
        Assert.Equal("staging", BranchRouter.Route(rules, "release/2026.11").Environment);
    }
}
