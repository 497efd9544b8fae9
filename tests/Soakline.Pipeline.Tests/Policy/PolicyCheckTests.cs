using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Policy;
using Soakline.Pipeline.Spec;
using Soakline.Pipeline.Spec.Loading;

namespace Soakline.Pipeline.Tests.Policy;

/// <summary>Every rule of the protection policy, each naming the spec field (and its line) it refuses.</summary>
public sealed class PolicyCheckTests
{
    private static readonly RepositoryRef Shop = new("acme", "shop");

    private static readonly ProtectionPolicy Policy = new(
        [Shop],
        [
            new EnvironmentPolicy("staging", EnvironmentKind.Staging, ["develop", "release/**"], false, ["qa@example.com"], ["staging-1"], []),
            new EnvironmentPolicy("production", EnvironmentKind.Production, ["main", "hotfix/*"], false, ["ops@example.com", "cto@example.com"], ["prod-1", "prod-2", "prod-3", "prod-4"], ["shop.example.com"]),
        ]);

    private static PolicyVerdict Check(string yaml, string branch, ProtectionPolicy? policy = null, RepositoryRef? repository = null)
    {
        var loaded = PipelineSpecLoader.Load(yaml);
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        return PolicyCheck.Check(loaded.Spec!, repository ?? Shop, branch, policy ?? Policy, loaded.Locations);
    }

    private static PolicyViolation Single(PolicyVerdict verdict, PolicyRule rule)
    {
        Assert.True(verdict.Refused);
        Assert.Null(verdict.Terms);
        return Assert.Single(verdict.Violations, v => v.Rule == rule);
    }

    [Fact]
    public void A_push_the_policy_allows_runs_on_its_terms()
    {
        var verdict = Check(SpecText.Valid(), "main");

        Assert.True(verdict.Allowed);
        var terms = verdict.Terms!;
        Assert.Equal("production", terms.Environment);
        Assert.Equal(EnvironmentKind.Production, terms.Kind);
        Assert.Equal(BranchMode.Approval, terms.Mode);
        Assert.False(terms.ApprovalRequiredByPolicy);
        Assert.Equal(["ops@example.com"], terms.Approvers);
        Assert.Equal(["prod-1", "prod-2", "prod-3", "prod-4"], terms.Hosts);
    }

    [Fact]
    public void A_repository_the_policy_does_not_serve_is_refused()
    {
        var violation = Single(Check(SpecText.Valid(), "main", repository: new RepositoryRef("mallory", "shop")), PolicyRule.RepositoryServed);

        Assert.Equal("repository", violation.Field);
        Assert.Null(violation.Line);
        Assert.Contains("mallory/shop is not a repository the protection policy serves", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Repository_names_compare_case_insensitively_as_on_GitHub()
    {
        Assert.True(Check(SpecText.Valid(), "main", repository: new RepositoryRef("ACME", "Shop")).Allowed);
    }

    [Fact]
    public void A_branch_the_spec_ignores_is_neither_allowed_nor_refused()
    {
        var verdict = Check(SpecText.Valid(), "feature/toc");

        Assert.False(verdict.Refused);
        Assert.False(verdict.Allowed);
        Assert.False(verdict.Decision.Deploys);
    }

    [Fact]
    public void A_spec_that_sends_a_feature_branch_to_production_is_refused_at_its_branch_rule()
    {
        var yaml = SpecText.Valid("branches:\n  - pattern: feature/*\n    mode: automatic\n    environment: production\n");

        var violation = Single(Check(yaml, "feature/x"), PolicyRule.BranchAllowed);

        Assert.Equal("branches[0].pattern", violation.Field);
        Assert.Equal(SpecText.LineOf(yaml, "pattern: feature/*"), violation.Line);
        Assert.Contains("branch 'feature/x' may not deploy to production", violation.Message, StringComparison.Ordinal);
        Assert.Contains("'main', 'hotfix/*'", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_environment_missing_from_the_policy_is_refused()
    {
        var yaml = SpecText.Valid("environments:\n  preview:\n    kind: staging\nbranches:\n  - pattern: preview/*\n    mode: automatic\n    environment: preview\n")
            .Replace("staging: [staging-1]", "preview: [staging-1]", StringComparison.Ordinal)
            .Replace("      production: [prod-1, prod-2, prod-3, prod-4]\n", string.Empty, StringComparison.Ordinal);

        var violation = Single(Check(yaml, "preview/a"), PolicyRule.EnvironmentDeclared);

        Assert.Equal("branches[0].environment", violation.Field);
        Assert.Equal(SpecText.LineOf(yaml, "environment: preview"), violation.Line);
        Assert.Contains("environment 'preview' is not in the protection policy (its environments: staging, production)", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spec_that_calls_production_staging_is_refused()
    {
        var yaml = SpecText.Valid("environments:\n  staging:\n    kind: staging\n  production:\n    kind: staging\n");

        var violation = Single(Check(yaml, "main"), PolicyRule.EnvironmentKind);

        Assert.Equal("environments.production.kind", violation.Field);
        Assert.Equal(SpecText.LineOf(yaml, "environments:") + 4, violation.Line);
        Assert.Contains("production is a production environment in the protection policy", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spec_may_be_more_careful_than_the_policy_and_call_staging_production()
    {
        var yaml = SpecText.Valid("environments:\n  staging:\n    kind: production\n  production:\n    kind: production\n");

        var terms = Check(yaml, "develop").Terms!;

        Assert.Equal(EnvironmentKind.Production, terms.Kind);
        Assert.Equal(BranchMode.Automatic, terms.Mode);
    }

    [Fact]
    public void Automatic_to_production_becomes_approval_by_the_policys_approvers()
    {
        var yaml = "version: 1\nbranches:\n  - pattern: main\n    mode: automatic\n    environment: production\n" + SpecText.Components;

        var terms = Check(yaml, "main").Terms!;

        Assert.Equal(BranchMode.Approval, terms.Mode);
        Assert.True(terms.ApprovalRequiredByPolicy);
        Assert.Equal(["ops@example.com", "cto@example.com"], terms.Approvers);
        Assert.Contains("requires approval", terms.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_staging_environment_whose_policy_requires_approval_gets_it_too()
    {
        var strict = Policy with { Environments = [Policy.Environments[0] with { RequireApproval = true }, Policy.Environments[1]] };

        var terms = Check("version: 1\n" + SpecText.Components, "develop", strict).Terms!;

        Assert.Equal(BranchMode.Approval, terms.Mode);
        Assert.True(terms.ApprovalRequiredByPolicy);
        Assert.Equal(["qa@example.com"], terms.Approvers);
    }

    [Fact]
    public void Expedited_stays_expedited_under_a_policy_that_requires_approval()
    {
        var terms = Check(SpecText.Valid(), "hotfix/login").Terms!;

        Assert.Equal(BranchMode.Expedited, terms.Mode);
        Assert.False(terms.ApprovalRequiredByPolicy);
    }

    [Fact]
    public void Effective_approvers_are_the_spec_approvers_the_policy_also_lists()
    {
        var yaml = SpecText.Valid().Replace("approvers: [ops@example.com]", "approvers: [OPS@example.com, intern@example.com]", StringComparison.Ordinal);

        Assert.Equal(["OPS@example.com"], Check(yaml, "main").Terms!.Approvers);
    }

    [Fact]
    public void A_spec_whose_approvers_are_all_outside_the_policy_is_refused()
    {
        var yaml = SpecText.Valid().Replace("approvers: [ops@example.com]", "approvers: [mallory@example.com]", StringComparison.Ordinal);

        var violation = Single(Check(yaml, "main"), PolicyRule.Approvers);

        Assert.Equal("approval.approvers", violation.Field);
        Assert.Equal(SpecText.LineOf(yaml, "approvers: [mallory"), violation.Line);
        Assert.Contains("none of the spec's approvers (mallory@example.com) may approve production", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_environment_that_needs_approval_but_has_no_approvers_in_the_policy_is_refused()
    {
        var none = Policy with { Environments = [Policy.Environments[0], Policy.Environments[1] with { Approvers = [] }] };

        var violation = Single(Check("version: 1\n" + SpecText.Components, "main", none), PolicyRule.Approvers);

        Assert.Contains("the protection policy lists no approvers", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Approvers_outside_the_policy_do_not_matter_when_nobody_has_to_approve()
    {
        var yaml = SpecText.Valid().Replace("approvers: [ops@example.com]", "approvers: [mallory@example.com]", StringComparison.Ordinal);

        var terms = Check(yaml, "develop").Terms!;

        Assert.Equal(BranchMode.Automatic, terms.Mode);
        Assert.Empty(terms.Approvers);
    }

    [Fact]
    public void A_host_the_policy_does_not_list_for_the_environment_is_refused()
    {
        var yaml = SpecText.Valid().Replace("production: [prod-1, prod-2, prod-3, prod-4]", "production: [prod-1, db-1]", StringComparison.Ordinal);

        var violation = Single(Check(yaml, "main"), PolicyRule.Hosts);

        Assert.Equal("components.api.hosts.production[1]", violation.Field);
        Assert.Equal(SpecText.LineOf(yaml, "production: [prod-1, db-1]"), violation.Line);
        Assert.Contains("host 'db-1' is not one of production's hosts", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hosts_of_other_environments_are_not_this_pushs_business()
    {
        var yaml = SpecText.Valid().Replace("staging: [staging-1]", "staging: [anything-1]", StringComparison.Ordinal);

        Assert.True(Check(yaml, "main").Allowed);
        Assert.Single(Check(yaml, "develop").Violations, v => v.Rule == PolicyRule.Hosts);
    }

    [Theory]
    [InlineData("http://127.0.0.1/health", "a loopback address")]
    [InlineData("http://localhost:8080/health", "a loopback name")]
    [InlineData("http://[::1]/health", "a loopback address")]
    [InlineData("http://169.254.169.254/latest/meta-data", "a link-local address")]
    [InlineData("http://10.0.0.5/health", "a private address")]
    [InlineData("http://192.168.1.1/health", "a private address")]
    [InlineData("http://172.20.0.1/health", "a private address")]
    [InlineData("https://elsewhere.example.net/health", "a host outside the environment")]
    public void A_health_url_outside_the_environment_is_refused_naming_the_field(string url, string what)
    {
        var yaml = SpecText.Valid().Replace("http://{host}/health", url, StringComparison.Ordinal);

        var violation = Single(Check(yaml, "main"), PolicyRule.ProbeTargets);

        Assert.Equal("components.api.health.url", violation.Field);
        Assert.Equal(SpecText.LineOf(yaml, "url: "), violation.Line);
        Assert.Contains(what, violation.Message, StringComparison.Ordinal);
        Assert.Contains("not one of the hosts or probe hosts the protection policy lists for production", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Health_urls_expanded_against_the_environments_hosts_and_probe_hosts_are_allowed()
    {
        Assert.True(Check(SpecText.Valid(), "main").Allowed);
        Assert.True(Check(SpecText.Valid().Replace("http://{host}/health", "https://shop.example.com/health", StringComparison.Ordinal), "main").Allowed);
    }

    [Fact]
    public void A_listed_private_address_is_allowed()
    {
        var listed = Policy with { Environments = [Policy.Environments[0], Policy.Environments[1] with { ProbeHosts = ["10.0.0.5"] }] };
        var yaml = SpecText.Valid().Replace("http://{host}/health", "http://10.0.0.5:8080/health", StringComparison.Ordinal);

        Assert.True(Check(yaml, "main", listed).Allowed);
    }

    [Fact]
    public void Deploy_hosts_written_with_user_and_port_are_probed_by_name()
    {
        var withUser = Policy with { Environments = [Policy.Environments[0], Policy.Environments[1] with { Hosts = ["deploy@prod-1:2222"] }] };
        var yaml = SpecText.Valid().Replace("production: [prod-1, prod-2, prod-3, prod-4]", "production: [deploy@prod-1:2222]", StringComparison.Ordinal)
            .Replace("http://{host}/health", "http://prod-1/health", StringComparison.Ordinal);

        Assert.True(Check(yaml, "main", withUser).Allowed);
    }

    [Theory]
    [InlineData("    - name: internal\n      type: health\n      environment: production\n      url: http://127.0.0.1:9000/admin\n", "monitoring.checks[0].url", "url: http://127", "a loopback address")]
    [InlineData("    - name: cert\n      type: tls\n      environment: production\n      host: 169.254.169.254\n", "monitoring.checks[0].host", "host: 169", "a link-local address")]
    [InlineData("    - name: dns\n      type: dns\n      environment: production\n      host: intranet.corp\n", "monitoring.checks[0].host", "host: intranet", "a host outside the environment")]
    public void A_monitoring_check_outside_the_environment_is_refused_naming_the_field(string check, string field, string line, string what)
    {
        var yaml = SpecText.Valid("monitoring:\n  checks:\n" + check);

        var violation = Single(Check(yaml, "main"), PolicyRule.ProbeTargets);

        Assert.Equal(field, violation.Field);
        Assert.Equal(SpecText.LineOf(yaml, line), violation.Line);
        Assert.Contains(what, violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Monitoring_checks_of_another_environment_do_not_refuse_this_push_but_the_sweep_skips_them()
    {
        var yaml = SpecText.Valid("monitoring:\n  checks:\n    - name: internal\n      type: health\n      environment: staging\n      url: http://127.0.0.1/\n");
        var spec = PipelineSpecLoader.Load(yaml).GetSpecOrThrow();

        Assert.True(Check(yaml, "main").Allowed);
        Assert.Contains("a loopback address", PolicyCheck.MonitorCheckRefusal(Policy, Shop, spec.Monitoring.Checks[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void The_sweep_runs_checks_the_policy_allows_and_none_for_an_unserved_repository_or_unknown_environment()
    {
        var check = new MonitorCheckSpec("api", MonitorCheckKind.Health, "production", new Uri("https://shop.example.com/health"), null, null, null);

        Assert.Null(PolicyCheck.MonitorCheckRefusal(Policy, Shop, check));
        Assert.Contains("not a repository the protection policy serves", PolicyCheck.MonitorCheckRefusal(Policy, new RepositoryRef("x", "y"), check), StringComparison.Ordinal);
        Assert.Contains("environment 'qa' is not in the protection policy", PolicyCheck.MonitorCheckRefusal(Policy, Shop, check with { Environment = "qa" }), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_violation_is_reported_at_once()
    {
        var yaml = "version: 1\napproval:\n  approvers: [mallory@example.com]\nbranches:\n  - pattern: feature/*\n    mode: automatic\n    environment: production\n"
            + SpecText.Components.Replace("http://{host}/health", "http://127.0.0.1/health", StringComparison.Ordinal).Replace("prod-4", "db-1", StringComparison.Ordinal);

        var verdict = Check(yaml, "feature/x");

        Assert.Equal(
            [PolicyRule.BranchAllowed, PolicyRule.Approvers, PolicyRule.Hosts, PolicyRule.ProbeTargets],
            verdict.Violations.Select(v => v.Rule));
        Assert.StartsWith("refused by the protection policy: line ", verdict.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_policy_refuses_everything()
    {
        Single(Check(SpecText.Valid(), "develop", ProtectionPolicy.Empty), PolicyRule.RepositoryServed);
    }
}
