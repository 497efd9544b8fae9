namespace Soakline.Chaos;

/// <summary>An approval mail: which environment run asked, its Approve link, and when the clerk will approve it.</summary>
internal sealed record ApprovalAsk(string EnvironmentRun, Uri Link, DateTimeOffset DueAt);
