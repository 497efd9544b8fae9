using System.Globalization;

namespace Soakline.Functions.Dashboard;

/// <summary>
/// The action buttons. Each only names what it does; dashboard.js opens the confirmation step and then calls the API
/// endpoint (approve, reject, abort, environment rollback); the API records the action under the signed-in identity.
/// </summary>
internal static class Actions
{
    public static string Decision(string pipelineId) =>
        "<div class=\"buttons\">"
        + Button("approve", "Approve", "ok", pipelineId)
        + Button("reject", "Reject", "bad", pipelineId)
        + "</div>";

    public static string Abort(string pipelineId) => Button("abort", "Abort", "bad", pipelineId);

    public static string Rollback(string repository, string environment) =>
        string.Create(CultureInfo.InvariantCulture, $"<button type=\"button\" class=\"btn tone-bad\" data-action=\"rollback\" data-repository=\"{Html.E(repository)}\" data-environment=\"{Html.E(environment)}\">Emergency rollback of {Html.E(environment)}</button>");

    private static string Button(string action, string label, string tone, string pipelineId) =>
        string.Create(CultureInfo.InvariantCulture, $"<button type=\"button\" class=\"btn tone-{tone}\" data-action=\"{action}\" data-pipeline=\"{Html.E(pipelineId)}\">{Html.E(label)}</button>");
}
