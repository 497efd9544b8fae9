using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Soakline.Functions.Observability;

/// <summary>The app's own trace source and metrics; ASP.NET Core's built-in sources cover the HTTP side.</summary>
internal static class SoaklineTelemetry
{
    public const string Name = "Soakline.Functions";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> WebhooksReceived = Meter.CreateCounter<long>("soakline.webhooks.received", description: "GitHub deliveries by event and outcome");

    public static readonly Counter<long> PipelinesStarted = Meter.CreateCounter<long>("soakline.pipelines.started", description: "Release pipelines started");

    public static readonly Counter<long> PushesSetAside = Meter.CreateCounter<long>("soakline.pushes.set_aside", description: "Accepted pushes whose pipeline could never be started, set aside in the delivery ledger");



    public static readonly Counter<long> Deploys = Meter.CreateCounter<long>("soakline.deploys", description: "Deploys and rollbacks by component and outcome");

    public static readonly Counter<long> MonitorSweeps = Meter.CreateCounter<long>("soakline.monitor.sweeps", description: "Monitor sweeps started by the schedule");

    public static readonly Counter<long> Decisions = Meter.CreateCounter<long>("soakline.decisions", description: "Approvals, rejections, aborts and rollbacks requested through the app");
}
