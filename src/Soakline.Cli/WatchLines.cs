using System.Text.Json;
using Soakline.Cli.Models;
using Soakline.Cli.Rendering;

namespace Soakline.Cli;

/// <summary>
/// The line view of <c>soakline get --watch</c> for programs that poll the API themselves: give it each
/// <c>GET /api/pipelines/{id}</c> answer and print the lines it returns. <c>./run demo</c> shows its pipelines this way,
/// so the demo and the CLI say the same thing.
/// </summary>
public sealed class WatchLines
{
    private readonly ChangeLines _lines = new();

    /// <summary>The lines this answer adds to those already returned: new timeline entries, changed runs, the ending.</summary>
    /// <exception cref="JsonException">The answer is not a pipeline as the API returns it.</exception>
    public IReadOnlyList<string> Next(JsonElement pipelineDetail) =>
        _lines.Next(pipelineDetail.Deserialize<PipelineDetail>(CliJson.Options) ?? throw new JsonException("the pipeline answer is null"));
}
