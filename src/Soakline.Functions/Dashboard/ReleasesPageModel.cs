using System.Globalization;
using Soakline.Functions.Api;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Dashboard;

/// <summary>What the releases page (<c>Slices/Releases.cshtml</c>) shows; read by <see cref="PipelinesPage"/>.</summary>
public sealed record ReleasesPageModel(DashboardLinks Links, DoraReport Dora, IReadOnlyList<PipelineDetail> Pipelines, IReadOnlyList<ReleaseTransition> Incidents)
{
    /// <summary>Running pipelines with an environment run waiting for a decision.</summary>
    public IEnumerable<PipelineDetail> PendingApprovals => Pipelines
        .Where(d => d.Pipeline.RuntimeStatus == "Running" && d.EnvironmentRuns.Any(r => r.RuntimeStatus == "Running" && PipelineFacts.Text(r.Status, "stage") == "awaiting-approval"));

    public string DeploymentFrequency => Dora.DeploymentsPerDay.ToString("0.##", CultureInfo.InvariantCulture) + "/day";

    public string ChangeFailureRate => Dora.ChangeFailureRate is { } rate ? rate.ToString("0%", CultureInfo.InvariantCulture) : "–";

    /// <summary>A duration in hours as a person reads it: minutes under an hour, "–" without data.</summary>
    public static string Hours(double? hours) => hours switch
    {
        null => "–",
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{hours * 60:0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{hours:0.#} h"),
    };
}
