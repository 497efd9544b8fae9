namespace Soakline.Pipeline.Tests.Orchestration;

/// <summary>The spec the orchestration tests run: one component on 1 staging and 4 production hosts, seeds' defaults.</summary>
internal static class TestSpecs
{
    public static readonly string[] StagingHosts = ["stg-1"];
    public static readonly string[] ProductionHosts = ["prod-1", "prod-2", "prod-3", "prod-4"];

    public const string Default = """
        version: 1
        gates:
          requiredChecks: [fast-tests]
          e2e:
            workflow: e2e-staging.yml
        approval:
          approvers: [lead@example.com]
        components:
          api:
            paths: ["api/**"]
            hosts:
              staging: [stg-1]
              production: [prod-1, prod-2, prod-3, prod-4]
            releaseRoot: /srv/api
            env:
              APP_ENV: production
              DATABASE_URL: { secret: database-url }
            health:
              url: http://{host}/health
        notifications:
          channels:
            ops:
              type: slack
              webhookSecret: slack-ops
          routes:
            critical: [ops]
            warning: [ops]
        monitoring:
          checks:
            - name: api-health
              type: health
              environment: production
              url: https://shop.example.com/health
            - name: certificate
              type: tls
              environment: production
              host: shop.example.com
            - name: dns
              type: dns
              environment: production
              host: shop.example.com
        """;

    public static string With(string extraSections) => Default + "\n" + extraSections;
}
