using Microsoft.AspNetCore.Http;
using Soakline.Functions.Hosting;

namespace Soakline.Functions.Approvals;

/// <summary>What the confirmation page shows about the release waiting for a decision.</summary>
public sealed record ReleaseSummaryView(string PipelineId, string? Environment, string? Release, string? Commit, string? Author, string? Message, string? Stage);
