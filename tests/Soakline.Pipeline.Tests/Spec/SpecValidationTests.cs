using Soakline.Pipeline.Spec;
using Soakline.Pipeline.Spec.Loading;

namespace Soakline.Pipeline.Tests.Spec;

/// <summary>Every validation rule, each with the field path and the line its error must name.</summary>
public sealed class SpecValidationTests
{
    /// <param name="LineMarker">Text on the line the error must point at.</param>
    public sealed record Case(string Yaml, string Path, string LineMarker, string Message);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // --- structure -------------------------------------------------------------------------
        ["yaml syntax"] = new(SpecText.Valid("strategy:\n  steps: [5, 25\n"), "(yaml)", "steps: [5, 25", ""),
        ["yaml flow sequence never closed"] = new(SpecText.Valid().Replace("paths: [\"api/**\"]", "paths: [\"api/**\"", StringComparison.Ordinal), "(yaml)", "paths: [", "'[' is never closed"),
        ["duplicate key"] = new(SpecText.Valid("strategy:\n  soak: 30m\n  soak: 10m\n"), "(yaml)", "soak: 10m", "Duplicate key"),
        ["root not a mapping"] = new("- version: 1\n", "", "- version", "expected a mapping"),
        ["version missing"] = new(SpecText.Approval + SpecText.Components, "version", "approval:", "'version' is required"),
        ["version unsupported"] = new("version: 2\n" + SpecText.Approval + SpecText.Components, "version", "version: 2", "not supported"),
        ["unknown top-level key"] = new(SpecText.Valid("stratgy:\n  soak: 30m\n"), "stratgy", "stratgy:", "unknown key 'stratgy'"),
        ["unknown nested key"] = new(SpecText.Valid().Replace("url: http://{host}/health", "url: http://{host}/health\n      atempts: 3", StringComparison.Ordinal), "components.api.health.atempts", "atempts", "unknown key"),
        ["section of wrong type"] = new(SpecText.Valid("gates: [a, b]\n"), "gates", "gates:", "expected a mapping"),

        // --- branches --------------------------------------------------------------------------
        ["branch without pattern"] = new(SpecText.Valid("branches:\n  - mode: ignore\n"), "branches[0].pattern", "- mode: ignore", "'pattern' is required"),
        ["branch without mode"] = new(SpecText.Valid("branches:\n  - pattern: main\n"), "branches[0].mode", "- pattern: main", "'mode' is required"),
        ["branch mode unknown"] = new(SpecText.Valid("branches:\n  - pattern: main\n    mode: manual\n"), "branches[0].mode", "mode: manual", "not one of: automatic, approval, expedited, ignore"),
        ["ignored branch with environment"] = new(SpecText.Valid("branches:\n  - pattern: feature/*\n    mode: ignore\n    environment: staging\n"), "branches[0].environment", "environment: staging", "remove 'environment'"),
        ["deploying branch without environment"] = new(SpecText.Valid("branches:\n  - pattern: develop\n    mode: automatic\n"), "branches[0].environment", "- pattern: develop", "'environment' is required"),
        ["branch to undeclared environment"] = new(SpecText.Valid("branches:\n  - pattern: main\n    mode: approval\n    environment: prod\n"), "branches[0].environment", "environment: prod", "'prod' is not declared"),
        ["branch glob invalid"] = new(SpecText.Valid("branches:\n  - pattern: release/***\n    mode: ignore\n"), "branches[0].pattern", "release/***", "'***'"),

        // --- environments ----------------------------------------------------------------------
        ["environment without kind"] = new(SpecText.Valid("environments:\n  staging:\n    concurrency: queue\n  production:\n    kind: production\n"), "environments.staging.kind", "=staging:", "'kind' is required"),
        ["environment concurrency unknown"] = new(SpecText.Valid("environments:\n  staging:\n    kind: staging\n    concurrency: parallel\n  production:\n    kind: production\n"), "environments.staging.concurrency", "parallel", "not one of: queue, refuse"),
        ["environment url relative"] = new(SpecText.Valid("environments:\n  staging:\n    kind: staging\n    url: dev.example.com\n  production:\n    kind: production\n"), "environments.staging.url", "dev.example.com", "absolute http or https URL"),
        ["environment name invalid"] = new(SpecText.Valid("environments:\n  staging:\n    kind: staging\n  prod env:\n    kind: production\n"), "environments.prod env", "prod env:", "not a valid name"),
        ["environments empty"] = new(SpecText.Valid("environments: {}\n"), "environments", "environments:", "at least one environment"),

        // --- components ------------------------------------------------------------------------
        ["components missing"] = new("version: 1\n" + SpecText.Approval, "components", "version: 1", "'components' is required"),
        ["components empty"] = new("version: 1\n" + SpecText.Approval + "components: {}\n", "components", "components:", "at least one component"),
        ["component without paths"] = new(SpecText.Valid().Replace("    paths: [\"api/**\"]\n", "", StringComparison.Ordinal), "components.api.paths", "=api:", "'paths' is required"),
        ["component without hosts"] = new("version: 1\n" + SpecText.Approval + "components:\n  api:\n    paths: [api/**]\n    releaseRoot: /srv/api\n", "components.api.hosts", "=api:", "'hosts' is required"),
        ["component without release root"] = new(SpecText.Valid().Replace("    releaseRoot: /srv/api\n", "", StringComparison.Ordinal), "components.api.releaseRoot", "=api:", "'releaseRoot' is required"),
        ["release root escaping with .."] = new(SpecText.Valid().Replace("/srv/api", "apps/../../etc", StringComparison.Ordinal), "components.api.releaseRoot", "releaseRoot", "without '..'"),
        ["release root with shell characters"] = new(SpecText.Valid().Replace("/srv/api", "/srv/api;rm -rf", StringComparison.Ordinal), "components.api.releaseRoot", "releaseRoot", "is not a path"),
        ["hosts for undeclared environment"] = new(SpecText.Valid().Replace("staging: [staging-1]", "qa: [qa-1]", StringComparison.Ordinal), "components.api.hosts.qa", "qa: [qa-1]", "'qa' is not declared"),
        ["host name with shell characters"] = new(SpecText.Valid().Replace("prod-2,", "prod-2;reboot,", StringComparison.Ordinal), "components.api.hosts.production[1]", "prod-2;reboot", "not a host name"),
        ["host list empty"] = new(SpecText.Valid().Replace("staging: [staging-1]", "staging: []", StringComparison.Ordinal), "components.api.hosts.staging", "staging: []", "at least one value"),
        ["health url invalid"] = new(SpecText.Valid().Replace("url: http://{host}/health", "url: ftp://{host}/health", StringComparison.Ordinal), "components.api.health.url", "ftp://", "absolute http or https URL"),
        ["health attempts zero"] = new(SpecText.Valid().Replace("url: http://{host}/health", "url: http://{host}/health\n      attempts: 0", StringComparison.Ordinal), "components.api.health.attempts", "attempts: 0", "from 1 to 1000"),
        ["health delay not a duration"] = new(SpecText.Valid().Replace("url: http://{host}/health", "url: http://{host}/health\n      delay: five", StringComparison.Ordinal), "components.api.health.delay", "delay: five", "not a duration"),
        ["keep releases zero"] = new(SpecText.Valid().Replace("    releaseRoot: /srv/api\n", "    releaseRoot: /srv/api\n    keepReleases: 0\n", StringComparison.Ordinal), "components.api.keepReleases", "keepReleases: 0", "from 1 to 100"),
        ["secret reference without name"] = new(SpecText.Valid().Replace("    releaseRoot: /srv/api\n", "    releaseRoot: /srv/api\n    env:\n      DB: { vault: db }\n", StringComparison.Ordinal), "components.api.env.DB.secret", "DB:", "'secret' is required"),
        ["environment variable name invalid"] = new(SpecText.Valid().Replace("    releaseRoot: /srv/api\n", "    releaseRoot: /srv/api\n    env:\n      1DB: x\n", StringComparison.Ordinal), "components.api.env.1DB", "1DB", "not a valid environment variable name"),
        ["component path glob invalid"] = new(SpecText.Valid().Replace("[\"api/**\"]", "[\"api/***\"]", StringComparison.Ordinal), "components.api.paths[0]", "api/***", "'***'"),

        // --- gates -----------------------------------------------------------------------------
        ["gate poll longer than timeout"] = new(SpecText.Valid("gates:\n  timeout: 1m\n  pollInterval: 5m\n"), "gates.pollInterval", "pollInterval: 5m", "not be longer than 'timeout'"),
        ["gate timeout zero"] = new(SpecText.Valid("gates:\n  timeout: 0s\n"), "gates.timeout", "timeout: 0s", "greater than zero"),
        ["e2e without workflow"] = new(SpecText.Valid("gates:\n  e2e:\n    timeout: 30m\n"), "gates.e2e.workflow", "e2e:", "'workflow' is required"),
        ["e2e workflow not a file"] = new(SpecText.Valid("gates:\n  e2e:\n    workflow: e2e-staging\n"), "gates.e2e.workflow", "workflow: e2e-staging", ".yml or .yaml"),
        ["e2e required flag not boolean"] = new(SpecText.Valid("gates:\n  e2e:\n    workflow: e2e.yml\n    requiredForProduction: yes\n"), "gates.e2e.requiredForProduction", "requiredForProduction: yes", "not true or false"),

        // --- approval --------------------------------------------------------------------------
        ["approver not an email"] = new("version: 1\napproval:\n  approvers: [ops]\n" + SpecText.Components, "approval.approvers[0]", "approvers: [ops]", "not an email address"),
        ["expedited approval longer"] = new(SpecText.Valid().Replace("  approvers: [ops@example.com]\n", "  approvers: [ops@example.com]\n  timeout: 1h\n  expeditedTimeout: 2h\n", StringComparison.Ordinal), "approval.expeditedTimeout", "expeditedTimeout: 2h", "not be longer than 'timeout'"),

        // --- strategy --------------------------------------------------------------------------
        ["strategy type unknown"] = new(SpecText.Valid("strategy:\n  type: big-bang\n"), "strategy.type", "big-bang", "not one of: canary, blue-green, rolling"),
        ["steps not increasing"] = new(SpecText.Valid("strategy:\n  steps: [5, 50, 25, 100]\n"), "strategy.steps[2]", "steps:", "strictly increase"),
        ["step above 100"] = new(SpecText.Valid("strategy:\n  steps: [5, 150]\n"), "strategy.steps[1]", "steps:", "percentage from 1 to 100"),
        ["last step not 100"] = new(SpecText.Valid("strategy:\n  steps: [5, 25, 50]\n"), "strategy.steps", "steps:", "last canary step must be 100"),
        ["steps with blue-green"] = new(SpecText.Valid("strategy:\n  type: blue-green\n  steps: [50, 100]\n"), "strategy.steps", "steps:", "only the canary strategy"),
        ["batch size with canary"] = new(SpecText.Valid("strategy:\n  batchSize: 2\n"), "strategy.batchSize", "batchSize: 2", "only the rolling strategy"),
        ["expedited soak longer"] = new(SpecText.Valid("strategy:\n  soak: 10m\n  expeditedSoak: 20m\n"), "strategy.expeditedSoak", "expeditedSoak: 20m", "not be longer than 'soak'"),
        ["soak not a duration"] = new(SpecText.Valid("strategy:\n  soak: thirty minutes\n"), "strategy.soak", "thirty minutes", "not a duration"),

        // --- analysis --------------------------------------------------------------------------
        ["metric without threshold"] = new(SpecText.Valid("analysis:\n  metrics:\n    - name: errors\n      query: error-rate\n"), "analysis.metrics[0]", "- name: errors", "give exactly one of: max, maxAboveBaseline, maxTimesBaseline"),
        ["metric with two thresholds"] = new(SpecText.Valid("analysis:\n  metrics:\n    - name: errors\n      query: error-rate\n      max: 5\n      maxAboveBaseline: 1\n"), "analysis.metrics[0]", "- name: errors", "has 2 thresholds"),
        ["metric provider unknown"] = new(SpecText.Valid("analysis:\n  metrics:\n    - name: errors\n      provider: datadog\n      query: x\n      max: 5\n"), "analysis.metrics[0].provider", "datadog", "not one of: azure-monitor, prometheus, probe"),
        ["metric declared twice"] = new(SpecText.Valid("analysis:\n  metrics:\n    - name: errors\n      query: a\n      max: 5\n    - { name: errors, query: b, max: 6 }\n"), "analysis.metrics[1].name", "query: b", "declared twice"),
        ["baseline factor below one"] = new(SpecText.Valid("analysis:\n  metrics:\n    - name: p95\n      query: latency-p95\n      maxTimesBaseline: 0.8\n"), "analysis.metrics[0].maxTimesBaseline", "maxTimesBaseline: 0.8", "at least 1"),
        ["metric dryRun not a boolean"] = new(SpecText.Valid("analysis:\n  metrics:\n    - name: p99\n      query: latency-p99\n      max: 500\n      dryRun: maybe\n"), "analysis.metrics[0].dryRun", "dryRun: maybe", "'maybe' is not true or false"),
        ["threshold not a number"] = new(SpecText.Valid("analysis:\n  metrics:\n    - name: errors\n      query: a\n      max: five\n"), "analysis.metrics[0].max", "max: five", "not a number"),
        ["judge confidence out of range"] = new(SpecText.Valid("analysis:\n  judge:\n    confidence: 95\n"), "analysis.judge.confidence", "confidence: 95", "not from 0.5 to 0.9999"),
        ["judge direction unknown"] = new(SpecText.Valid("analysis:\n  metrics:\n    - name: p95\n      query: latency-p95\n      max: 5\n      judge:\n        direction: up\n"), "analysis.metrics[0].judge.direction", "direction: up", "not one of: higher-is-worse, lower-is-worse"),
        ["judge min samples too small"] = new(SpecText.Valid("analysis:\n  metrics:\n    - name: p95\n      query: latency-p95\n      max: 5\n      judge: { minSamples: 2 }\n"), "analysis.metrics[0].judge.minSamples", "minSamples: 2", "from 3 to 500"),
        ["judge min effect negative"] = new(SpecText.Valid("analysis:\n  judge:\n    minEffect: -0.1\n"), "analysis.judge.minEffect", "minEffect: -0.1", "not a number of at least 0"),
        ["judge unknown key"] = new(SpecText.Valid("analysis:\n  judge:\n    alpha: 0.05\n"), "analysis.judge.alpha", "alpha: 0.05", "unknown key 'alpha'"),
        ["judge switch not a boolean"] = new(SpecText.Valid("analysis:\n  metrics:\n    - name: p95\n      query: latency-p95\n      max: 5\n      judge: maybe\n"), "analysis.metrics[0].judge", "judge: maybe", "not true or false"),
        ["failure limit zero"] = new(SpecText.Valid("analysis:\n  failureLimit: 0\n"), "analysis.failureLimit", "failureLimit: 0", "from 1 to 100"),
        ["analysis interval longer than expedited soak"] = new(SpecText.Valid("strategy:\n  soak: 30m\n  expeditedSoak: 2m\nanalysis:\n  interval: 5m\n"), "analysis.interval", "interval: 5m", "longer than strategy.expeditedSoak"),
        ["analysis interval longer than soak"] = new(SpecText.Valid("strategy:\n  soak: 5m\nanalysis:\n  interval: 10m\n"), "analysis.interval", "interval: 10m", "longer than strategy.soak"),

        // --- notifications ---------------------------------------------------------------------
        ["route to undeclared channel"] = new(SpecText.Valid("notifications:\n  routes:\n    critical: [pager]\n"), "notifications.routes.critical[0]", "critical: [pager]", "'pager' is not declared"),
        ["channel type unknown"] = new(SpecText.Valid("notifications:\n  channels:\n    ops:\n      type: irc\n      webhookSecret: irc-hook\n"), "notifications.channels.ops.type", "type: irc", "not one of: slack, teams, discord"),
        ["webhook url instead of secret"] = new(SpecText.Valid("notifications:\n  channels:\n    ops:\n      type: slack\n      webhookSecret: https://hooks.slack.com/services/T0/B0/x\n"), "notifications.channels.ops.webhookSecret", "hooks.slack.com", "not the URL itself"),
        ["unknown severity"] = new(SpecText.Valid("notifications:\n  routes:\n    fatal: []\n"), "notifications.routes.fatal", "fatal:", "unknown key 'fatal'"),

        // --- monitoring ------------------------------------------------------------------------
        ["cron invalid"] = new(SpecText.Valid("monitoring:\n  businessHours: \"0 */5 25 * * 1-5\"\n"), "monitoring.businessHours[0]", "businessHours", "not a valid NCRONTAB"),
        ["cron field count"] = new(SpecText.Valid("monitoring:\n  offHours: [\"*/15 * *\"]\n"), "monitoring.offHours[0]", "offHours", "expected 6 fields"),
        ["health check without url"] = new(SpecText.Valid("monitoring:\n  checks:\n    - name: api\n      type: health\n      environment: production\n"), "monitoring.checks[0].url", "- name: api", "'url' is required"),
        ["tls check without host"] = new(SpecText.Valid("monitoring:\n  checks:\n    - name: cert\n      type: tls\n      environment: production\n"), "monitoring.checks[0].host", "- name: cert", "'host' is required"),
        ["latency check without limit"] = new(SpecText.Valid("monitoring:\n  checks:\n    - name: slow\n      type: latency\n      environment: production\n      url: https://example.com/\n"), "monitoring.checks[0].maxLatency", "- name: slow", "'maxLatency' is required"),
        ["check for undeclared environment"] = new(SpecText.Valid("monitoring:\n  checks:\n    - name: dns\n      type: dns\n      environment: qa\n      host: example.com\n"), "monitoring.checks[0].environment", "environment: qa", "'qa' is not declared"),
        ["check declared twice"] = new(SpecText.Valid("monitoring:\n  checks:\n    - name: dns\n      type: dns\n      environment: production\n      host: a.example.com\n    - { name: dns, type: dns, environment: production, host: b.example.com }\n"), "monitoring.checks[1].name", "b.example.com", "declared twice"),

        // --- retention -------------------------------------------------------------------------
        ["retention keep zero"] = new(SpecText.Valid("retention:\n  keepReleases: 0\n"), "retention.keepReleases", "keepReleases: 0", "from 1 to 100"),
    };

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Invalid_spec_is_rejected_with_field_path_and_line(string name)
    {
        var @case = Cases[name];

        var result = PipelineSpecLoader.Load(@case.Yaml);

        Assert.False(result.IsValid);
        Assert.Null(result.Spec);
        var expectedLine = SpecText.LineOf(@case.Yaml, @case.LineMarker);
        var error = Assert.Single(result.Errors, e => e.Path == @case.Path);
        Assert.Contains(@case.Message, error.Message, StringComparison.Ordinal);
        Assert.True(
            error.Line == expectedLine || (@case.Path == "(yaml)" && Math.Abs(error.Line - expectedLine) <= 1),
            $"error at line {error.Line}, expected {expectedLine}: {error}");
    }

    [Fact]
    public void All_errors_are_reported_at_once_in_line_order()
    {
        var yaml = SpecText.Valid("strategy:\n  steps: [5, 25]\n  soka: 10m\nanalysis:\n  failureLimit: 0\nbogus: true\n");

        var result = PipelineSpecLoader.Load(yaml);

        Assert.Equal(["strategy.steps", "strategy.soka", "analysis.failureLimit", "bogus"], result.Errors.Select(e => e.Path));
        Assert.Equal(result.Errors.Select(e => e.Line).Order(), result.Errors.Select(e => e.Line));
        var thrown = Assert.Throws<PipelineSpecException>(result.GetSpecOrThrow);
        Assert.Contains("4 errors", thrown.Message, StringComparison.Ordinal);
        Assert.Contains($"line {SpecText.LineOf(yaml, "soka")}", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(4, thrown.Errors.Count);
    }

    [Fact]
    public void Approval_modes_without_approvers_are_valid_because_the_protection_policy_names_them()
    {
        var result = PipelineSpecLoader.Load("version: 1\n" + SpecText.Components);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Empty(result.Spec!.Approval.Approvers);
        Assert.Contains(result.Spec.Branches, b => b.Mode == BranchMode.Approval);
    }

    [Fact]
    public void Empty_spec_is_rejected()
    {
        var result = PipelineSpecLoader.Load("   \n");

        Assert.Contains("spec is empty", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_documents_are_rejected()
    {
        var result = PipelineSpecLoader.Load(SpecText.Valid() + "---\nversion: 1\n");

        Assert.Contains("one YAML document", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }
}
