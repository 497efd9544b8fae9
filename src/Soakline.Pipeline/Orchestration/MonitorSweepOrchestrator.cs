using Microsoft.DurableTask;
using Soakline.Pipeline.Activities;
using Soakline.Pipeline.Policy;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;
using Soakline.Pipeline.Spec.Loading;

namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// One pass of the scheduled monitor (the timer trigger starts one per NCRONTAB occurrence): runs every check the
/// protection policy allows in parallel (a check aimed outside its environment is reported as not run), opens or
/// updates one incident per failing check (keyed by check, so repeated failures comment on the same incident), and
/// resolves it when the check passes again.
/// </summary>
public sealed class MonitorSweepOrchestrator : TaskOrchestrator<MonitorSweepRequest, MonitorSweepOutcome>
{
    public override async Task<MonitorSweepOutcome> RunAsync(TaskOrchestrationContext context, MonitorSweepRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var spec = PipelineSpecLoader.Load(input.SpecYaml).GetSpecOrThrow();
        var now = new DateTimeOffset(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));
        context.SetCustomStatus(new PipelineStatus("monitoring", Detail: $"{spec.Monitoring.Checks.Count} checks"));

        // The probe allow-list: a check whose target the protection policy does not list is never run.
        var policy = await context.CallActivityAsync<ProtectionPolicy>(nameof(GetProtectionPolicyActivity), input.Repository, PipelineSteps.PortCall);
        var refusals = spec.Monitoring.Checks.Select(check => PolicyCheck.MonitorCheckRefusal(policy, input.Repository, check)).ToList();
        var verdicts = await Task.WhenAll(spec.Monitoring.Checks.Select((check, i) => refusals[i] is null
            ? RunCheckSafelyAsync(context, check, now)
            : Task.FromResult((check, false, string.Empty))));
        var results = new List<MonitorCheckResult>();
        for (var i = 0; i < verdicts.Length; i++)
        {
            var (check, passed, detail) = verdicts[i];
            if (refusals[i] is { } refusal)
            {
                // Not an incident: nothing was probed; the spec asks for something the policy forbids.
                results.Add(new MonitorCheckResult(check.Name, check.Kind, check.Environment, false, $"not run: refused by the protection policy: {refusal}", null));
                continue;
            }

            var production = spec.FindEnvironment(check.Environment)?.Kind == EnvironmentKind.Production;
            results.Add(await ReportAsync(context, spec.Notifications, check, passed, detail, production ? Severity.Critical : Severity.Warning));
        }

        var outcome = new MonitorSweepOutcome(results);
        context.SetCustomStatus(new PipelineStatus("completed", Detail: $"{results.Count(r => !r.Passed)} of {results.Count} checks failing"));
        return outcome;
    }

    public static string IncidentKey(MonitorCheckSpec check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return $"monitor:{check.Environment}:{check.Name}";
    }

    /// <summary>A check whose activity fails (resolver down, probe crashed) is a failing check, not a failed sweep.</summary>
    private static async Task<(MonitorCheckSpec Check, bool Passed, string Detail)> RunCheckSafelyAsync(TaskOrchestrationContext context, MonitorCheckSpec check, DateTimeOffset now)
    {
        try
        {
            return await RunCheckAsync(context, check, now);
        }
        catch (TaskFailedException e)
        {
            return (check, false, $"{check.Kind.ToString().ToLowerInvariant()} check could not run: {e.FailureDetails.ErrorMessage}");
        }
    }

    private static async Task<(MonitorCheckSpec Check, bool Passed, string Detail)> RunCheckAsync(TaskOrchestrationContext context, MonitorCheckSpec check, DateTimeOffset now)
    {
        switch (check.Kind)
        {
            case MonitorCheckKind.Health:
            case MonitorCheckKind.Latency:
                var probe = await context.CallActivityAsync<HealthCheckResult>(nameof(CheckHealthActivity), new HealthCheckRequest(check.Url!, Attempts: 1));
                if (!probe.Healthy)
                {
                    return (check, false, $"{check.Url} unhealthy: {probe.Error ?? probe.LastStatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer"}");
                }

                return check.Kind == MonitorCheckKind.Latency && probe.LastLatency > check.MaxLatency
                    ? (check, false, $"{check.Url} answered in {probe.LastLatency.TotalMilliseconds:0} ms, over the {check.MaxLatency!.Value.TotalMilliseconds:0} ms SLA")
                    : (check, true, $"{check.Url} healthy in {probe.LastLatency.TotalMilliseconds:0} ms");
            case MonitorCheckKind.Tls:
                var certificate = await context.CallActivityAsync<CertificateInfo>(nameof(InspectCertificateActivity), new EndpointQuery(check.Host!));
                if (certificate.NotAfter is not { } notAfter)
                {
                    return (check, false, $"no certificate from {check.Host}: {certificate.Error}");
                }

                var daysLeft = (notAfter - now).TotalDays;
                return daysLeft < check.MinCertificateDays
                    ? (check, false, $"certificate of {check.Host} expires {notAfter:yyyy-MM-dd} ({daysLeft:0} days, minimum {check.MinCertificateDays})")
                    : (check, true, $"certificate of {check.Host} valid until {notAfter:yyyy-MM-dd}");
            default:
                var dns = await context.CallActivityAsync<DnsResolution>(nameof(ResolveDnsActivity), new EndpointQuery(check.Host!));
                return dns.Addresses.Count == 0
                    ? (check, false, $"{check.Host} does not resolve: {dns.Error ?? "no addresses"}")
                    : (check, true, $"{check.Host} resolves to {string.Join(", ", dns.Addresses)}");
        }
    }

    private static async Task<MonitorCheckResult> ReportAsync(TaskOrchestrationContext context, NotificationSpec routes, MonitorCheckSpec check, bool passed, string detail, Severity severity)
    {
        var key = IncidentKey(check);
        if (passed)
        {
            var resolved = await context.CallActivityAsync<bool>(nameof(ResolveIncidentActivity), new IncidentResolution(key, $"recovered: {detail}"));
            if (resolved)
            {
                await context.CallActivityAsync<bool>(nameof(NotifyActivity), PipelineSteps.Routed(routes, new Notification(Severity.Info, $"Recovered: {check.Name} ({check.Environment})", detail)));
            }

            return new MonitorCheckResult(check.Name, check.Kind, check.Environment, true, detail, resolved ? "resolved" : null);
        }

        var title = $"Monitor check '{check.Name}' failing on {check.Environment}";
        var incident = await context.CallActivityAsync<IncidentRef>(nameof(OpenIncidentActivity), new IncidentReport(key, severity, title, detail, ["soakline", "monitor", check.Environment]));
        if (incident.Created)
        {
            await context.CallActivityAsync<bool>(nameof(NotifyActivity), PipelineSteps.Routed(routes, new Notification(severity, title, detail, Link: incident.Url)));
        }

        return new MonitorCheckResult(check.Name, check.Kind, check.Environment, false, detail, incident.Created ? "opened" : "updated");
    }
}
