using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

public sealed record WorkflowRunStatus(
    long RunId,
    bool IsCompleted,
    WorkflowConclusion? Conclusion,
    string HtmlUrl,
    DateTimeOffset CreatedAt);
