using System.Text.Json;
using Soakline.Demo.Kit.App;
using Soakline.Demo.Kit.LocalServices;
using Soakline.Demo.Kit.Scenario;
using Soakline.Pipeline.Orchestration;

namespace Soakline.EndToEnd.Tests.Release;

/// <summary>
/// Reads what the app process wrote to its console during a scenario (the rig's <c>logs/app.log</c>) and checks it is
/// clean: every pipeline transition on the timelines is one line, the framework's chatter is off, no scope is printed
/// as a type name, no message ends in "(null)", and none of the rig's secrets appears.
/// </summary>
internal static class AppLogCheck
{
    public const string TransitionCategory = "Soakline.Pipeline.Transitions";

    public static async Task AssertCleanAsync(DemoRig rig, IReadOnlyList<string> pipelineIds, CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync(Path.Combine(rig.LogsFolder, "app.log"), cancellationToken);
        Assert.NotEmpty(lines);
        Assert.DoesNotContain(lines, l => l.Contains("Dictionary`2", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.TrimEnd().EndsWith("(null)", StringComparison.Ordinal) || l.Contains("(null) |", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(" info Microsoft.DurableTask", StringComparison.Ordinal) || l.Contains(" info Microsoft.AspNetCore", StringComparison.Ordinal) || l.Contains(" info DurableTask", StringComparison.Ordinal));
        var identity = rig.App.Identity;
        foreach (var secret in new[] { identity.ApiKey, identity.WebhookSecret, identity.ApprovalSigningKey, LocalGitHub.Token })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        }

        foreach (var id in pipelineIds)
        {
            var detail = await rig.App.GetPipelineAsync(id, cancellationToken) ?? throw new InvalidOperationException($"pipeline {id} is gone");
            var timeline = detail.GetProperty("timeline").EnumerateArray().ToList();
            Assert.NotEmpty(timeline);
            var ofPipeline = lines.Where(l => l.Contains($" info {TransitionCategory}: ", StringComparison.Ordinal) && l.Contains($"pipeline={id}", StringComparison.Ordinal)).ToList();
            foreach (var entry in timeline)
            {
                // Transitions recorded before an environment was chosen (under the timeline's "(none)") name none.
                var environment = Text(entry, "environment");
                var where = environment is "" or ReleaseOrchestrator.NoEnvironment ? string.Empty : $" on {environment}";
                var expected = $"{TransitionCategory}: {Text(entry, "kind")}{where}: {Text(entry, "detail").ReplaceLineEndings(" ")}";
                var matching = ofPipeline.Count(l => l.Contains(expected, StringComparison.Ordinal));
                Assert.True(matching == 1, $"{matching} log lines for the transition '{expected}' of {id} (expected one)");
            }

            // Nothing but the timeline's transitions is logged under this category for the pipeline.
            Assert.Equal(timeline.Count, ofPipeline.Count);
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
}
