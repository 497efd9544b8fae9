using Microsoft.Extensions.Configuration;
using Soakline.Functions.Configuration;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Spec;

namespace Soakline.Functions.Tests.Configuration;

/// <summary>The protection policy's settings: read into the policy, every problem named at once.</summary>
public sealed class ProtectionPolicySettingsTests
{
    private static AppSettings Read(Dictionary<string, string?> values) =>
        AppSettingsReader.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    private static string Problems(Dictionary<string, string?> values) => Assert.Throws<AppSettingsException>(() => Read(values)).Message;

    [Fact]
    public void The_policy_is_read_from_the_settings()
    {
        var values = TestSettings.Defaults();
        values["Soakline:Policy:Repositories"] = "acme/shop; acme/blog";
        values["Soakline:Policy:Environments:production:ProbeHosts"] = "shop.example.com, 203.0.113.10";

        var policy = Read(values).Policy;

        Assert.Equal([new RepositoryRef("acme", "shop"), new RepositoryRef("acme", "blog")], policy.Repositories);
        var staging = policy.FindEnvironment("staging")!;
        Assert.Equal((EnvironmentKind.Staging, false), (staging.Kind, staging.RequireApproval));
        Assert.Equal(["develop"], staging.Branches);
        Assert.Empty(staging.Approvers);
        var production = policy.FindEnvironment("production")!;
        Assert.Equal(EnvironmentKind.Production, production.Kind);
        Assert.True(production.RequireApproval);
        Assert.Equal(["main", "hotfix/*"], production.Branches);
        Assert.Equal([TestSettings.PolicyApprover], production.Approvers);
        Assert.Equal(["prod-1", "prod-2"], production.Hosts);
        Assert.Equal(["shop.example.com", "203.0.113.10"], production.ProbeHosts);
    }

    [Fact]
    public void The_repositories_are_required()
    {
        var values = TestSettings.Defaults();
        values.Remove("Soakline:Policy:Repositories");

        Assert.Contains("Soakline__Policy__Repositories is missing: the repositories Soakline serves", Problems(values), StringComparison.Ordinal);
    }

    [Fact]
    public void Environments_are_optional_and_without_them_nothing_deploys()
    {
        var values = TestSettings.Defaults();
        foreach (var key in values.Keys.Where(k => k.StartsWith("Soakline:Policy:Environments", StringComparison.Ordinal)).ToList())
        {
            values.Remove(key);
        }

        Assert.Empty(Read(values).Policy.Environments);
    }

    [Fact]
    public void Every_problem_of_every_environment_is_named_at_once()
    {
        var values = TestSettings.Defaults();
        values["Soakline:Policy:Repositories"] = "acme";
        values["Soakline:Policy:Environments:production:RequireApproval"] = "false";
        values["Soakline:Policy:Environments:production:Approvers"] = null;
        values["Soakline:Policy:Environments:production:Branches"] = "main, release/***";
        values["Soakline:Policy:Environments:staging:Kind"] = "prod";
        values["Soakline:Policy:Environments:staging:Hosts"] = null;
        values["Soakline:Policy:Environments:qa:Aprovers"] = "x@example.com";
        values["Soakline:Policy:Environments:preview:Kind"] = "staging";
        values["Soakline:Policy:Environments:preview:Hosts"] = "preview-1";
        values["Soakline:Policy:Environments:preview:RequireApproval"] = "yes";

        var message = Problems(values);

        Assert.Contains("Soakline__Policy__Repositories: Repository 'acme' is not of the form 'owner/name'", message, StringComparison.Ordinal);
        Assert.Contains("Soakline__Policy__Environments__production__RequireApproval cannot be false: production is a production environment", message, StringComparison.Ordinal);
        Assert.Contains("Soakline__Policy__Environments__production__Approvers is missing: production requires approval", message, StringComparison.Ordinal);
        Assert.Contains("Soakline__Policy__Environments__production__Branches: pattern 'release/***' has '***'", message, StringComparison.Ordinal);
        Assert.Contains("Soakline__Policy__Environments__staging__Kind must be staging or production, was 'prod'", message, StringComparison.Ordinal);
        Assert.Contains("Soakline__Policy__Environments__staging__Hosts is missing", message, StringComparison.Ordinal);
        Assert.Contains("Soakline__Policy__Environments__qa__Aprovers is not a protection policy setting", message, StringComparison.Ordinal);
        Assert.Contains("Soakline__Policy__Environments__qa__Kind is missing", message, StringComparison.Ordinal);
        Assert.Contains("Soakline__Policy__Environments__qa__Branches is missing", message, StringComparison.Ordinal);
        Assert.Contains("Soakline__Policy__Environments__preview__Branches is missing", message, StringComparison.Ordinal);
        Assert.Contains("Soakline__Policy__Environments__preview__RequireApproval must be true or false, was 'yes'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_staging_environment_may_require_approval_and_then_needs_approvers()
    {
        var values = TestSettings.Defaults();
        values["Soakline:Policy:Environments:staging:RequireApproval"] = "true";

        Assert.Contains("Soakline__Policy__Environments__staging__Approvers is missing: staging requires approval", Problems(values), StringComparison.Ordinal);

        values["Soakline:Policy:Environments:staging:Approvers"] = "qa@example.com";
        Assert.True(Read(values).Policy.FindEnvironment("staging")!.ApprovalRequired);
    }

    [Fact]
    public void The_allowed_approvers_setting_is_gone_and_the_documentation_says_where_approvers_live_now()
    {
        var docs = File.ReadAllText(Path.Combine(SettingsDocumentationTests.Root, "docs", "operations.md"));
        var sample = File.ReadAllText(Path.Combine(SettingsDocumentationTests.Root, "local.settings.sample.json"));

        Assert.DoesNotContain("Soakline__Approvals__AllowedApprovers", sample, StringComparison.Ordinal);
        Assert.DoesNotContain(typeof(SettingNames).GetFields(), f => f.Name.Contains("AllowedApprovers", StringComparison.Ordinal));
        Assert.Contains("## Protection policy", docs, StringComparison.Ordinal);
        foreach (var key in PolicySettingNames.EnvironmentKeys)
        {
            Assert.Contains($"`{PolicySettingNames.ForEnvironment("<environment>", key)}`", docs, StringComparison.Ordinal);
        }
    }
}
