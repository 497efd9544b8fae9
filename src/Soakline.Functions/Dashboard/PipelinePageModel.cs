using Soakline.Functions.Api;

namespace Soakline.Functions.Dashboard;

/// <summary>What one pipeline's page (<c>Slices/PipelineDetails.cshtml</c>) shows; read by <see cref="PipelinePage"/>.</summary>
public sealed record PipelinePageModel(DashboardLinks Links, PipelineDetail Detail)
{
    public PipelineFacts Facts { get; } = PipelineFacts.From(Detail.Pipeline, Detail.EnvironmentRuns);

    /// <summary>The environment run a person looks at (<see cref="PipelineFacts.CurrentRun"/>); null before the first.</summary>
    public PipelineSummary? CurrentRun { get; } = PipelineFacts.CurrentRun(Detail.EnvironmentRuns);

    public bool Running => Facts.RuntimeStatus == "Running";

    /// <summary>The environment an emergency rollback would restore; null when the pipeline reached none.</summary>
    public string? RollbackEnvironment => PipelinePage.ReachedEnvironment(CurrentRun) is { } reached && Facts.Repository.Length > 0 ? reached : null;

    /// <summary>The soak countdown; a countdown belongs to a running stage, a finished run's status has none (an old one's is ignored).</summary>
    public string? SoakRemaining => CurrentRun?.RuntimeStatus == "Running" ? PipelineFacts.Text(CurrentRun.Status, "soakRemaining") : null;

    public string? LastAnalysis => PipelineFacts.Text(CurrentRun?.Status, "lastAnalysis");

    public string Api => "/api/pipelines/" + Uri.EscapeDataString(Facts.Id);
}
