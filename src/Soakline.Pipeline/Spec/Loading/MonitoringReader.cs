using NCrontab;

namespace Soakline.Pipeline.Spec.Loading;

/// <summary>Reads <c>monitoring:</c>: the NCRONTAB schedules and the checks each sweep runs.</summary>
internal static class MonitoringReader
{
    public static MonitoringSpec Read(MappingReader root)
    {
        var monitoring = root.Mapping("monitoring");
        if (monitoring is null)
        {
            return SpecDefaults.Monitoring;
        }

        var business = ReadSchedules(monitoring, "businessHours") ?? SpecDefaults.BusinessHours;
        var offHours = ReadSchedules(monitoring, "offHours") ?? SpecDefaults.OffHours;
        var checks = ReadChecks(monitoring);
        monitoring.RejectUnknownKeys();
        return new MonitoringSpec(business, offHours, checks);
    }

    private static IReadOnlyList<string>? ReadSchedules(MappingReader monitoring, string key)
    {
        var expressions = monitoring.StringList(key);
        if (expressions is null)
        {
            return null;
        }

        for (var i = 0; i < expressions.Count; i++)
        {
            if (!MonitoringSchedule.TryParse(expressions[i], out _, out var error))
            {
                monitoring.Context.Error($"{monitoring.ChildPath(key)}[{i}]", error!);
            }
        }

        return expressions;
    }

    private static List<MonitorCheckSpec> ReadChecks(MappingReader monitoring)
    {
        var checks = new List<MonitorCheckSpec>();
        var items = monitoring.Sequence("checks");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, path) in items ?? [])
        {
            var check = MappingReader.Open(node, path, monitoring.Context);
            if (check is null)
            {
                continue;
            }

            var name = check.String("name", required: true);
            var kind = check.Enum("type", SpecNames.MonitorCheckKinds, required: true);
            var environment = check.String("environment", required: true);
            var url = UrlReader.Absolute(check, "url");
            var host = check.String("host");
            var maxLatency = check.Duration("maxLatency");
            var minDays = check.Int("minCertificateDays", 1, 365);
            check.RejectUnknownKeys();

            if (name is not null && Names.Check(monitoring.Context, check.ChildPath("name"), name) && !seen.Add(name))
            {
                check.Error("name", $"check '{name}' is declared twice");
            }

            var needsUrl = kind is MonitorCheckKind.Health or MonitorCheckKind.Latency;
            if (kind is not null && needsUrl && url is null && !check.Has("url"))
            {
                check.Error("url", $"'url' is required for a {kind.Value.ToString().ToLowerInvariant()} check");
            }

            if (kind is not null && !needsUrl && host is null)
            {
                check.Error("host", $"'host' is required for a {kind.Value.ToString().ToLowerInvariant()} check");
            }

            if (kind == MonitorCheckKind.Latency && maxLatency is null && !check.Has("maxLatency"))
            {
                check.Error("maxLatency", "'maxLatency' is required for a latency check");
            }

            if (name is not null && kind is not null && environment is not null)
            {
                var days = kind == MonitorCheckKind.Tls ? minDays ?? 14 : minDays;
                checks.Add(new MonitorCheckSpec(name, kind.Value, environment, url, host, maxLatency, days));
            }
        }

        return checks;
    }
}
