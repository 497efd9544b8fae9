using System.Text.Json;
using Soakline.Cli.Api;
using Soakline.Cli.Models;
using Soakline.Cli.Rendering;
using Spectre.Console;

namespace Soakline.Cli.Watching;

/// <summary>
/// Follows one pipeline until it ends, polling <c>GET /api/pipelines/{id}</c> every <paramref name="interval"/> on
/// <paramref name="clock"/>: a live display on a terminal, one line (or one JSON document) per change otherwise.
/// The app may restart under a long soak, so a read that cannot reach it is retried for <see cref="UnreachableGrace"/>
/// before the watch gives up.
/// </summary>
internal sealed class PipelineWatch(SoaklineApiClient api, TimeProvider clock, TimeSpan interval)
{
    public static readonly TimeSpan UnreachableGrace = TimeSpan.FromSeconds(60);

    /// <summary>Redraws the pipeline's view in place on every poll; returns the final state.</summary>
    public async Task<PipelineDetail> LiveAsync(IAnsiConsole console, string id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(console);
        var (first, _) = await api.GetPipelineAsync(id, ct).ConfigureAwait(false);
        if (first.Pipeline.HasEnded)
        {
            console.Write(PipelineDetailView.Render(first));
            return first;
        }

        var last = first;
        await console.Live(PipelineDetailView.Render(first)).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).StartAsync(async live =>
        {
            await foreach (var (detail, _, unreachable) in PollAsync(id, ct).ConfigureAwait(false))
            {
                if (detail is null)
                {
                    live.UpdateTarget(new Rows(PipelineDetailView.Render(last), new Text($"(the app is not answering: {unreachable}; retrying)", new Style(Color.Yellow))));
                }
                else
                {
                    last = detail;
                    live.UpdateTarget(PipelineDetailView.Render(detail));
                }

                live.Refresh();
            }
        }).ConfigureAwait(false);
        return last;
    }

    /// <summary>Prints what changed since the last poll, as text lines or (json) as the API's document; returns the final state.</summary>
    public async Task<PipelineDetail> LinesAsync(TextWriter output, string id, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        var lines = new ChangeLines();
        string? lastJson = null;
        PipelineDetail? last = null;
        await foreach (var (detail, body, unreachable) in PollAsync(id, ct).ConfigureAwait(false))
        {
            if (detail is null)
            {
                await output.WriteLineAsync($"(the app is not answering: {unreachable}; retrying)".AsMemory(), ct).ConfigureAwait(false);
                continue;
            }

            last = detail;
            if (json)
            {
                var compact = Compact(body!);
                if (compact != lastJson)
                {
                    lastJson = compact;
                    await output.WriteLineAsync(compact.AsMemory(), ct).ConfigureAwait(false);
                }
            }
            else
            {
                foreach (var line in lines.Next(detail))
                {
                    await output.WriteLineAsync(line.AsMemory(), ct).ConfigureAwait(false);
                }
            }

            await output.FlushAsync(ct).ConfigureAwait(false);
        }

        return last!;
    }

    /// <summary>
    /// Each poll's answer until the pipeline has ended (the last item is the ended state). An unreachable app yields
    /// a null detail with the reason, until it has not answered for <see cref="UnreachableGrace"/>.
    /// </summary>
    private async IAsyncEnumerable<(PipelineDetail? Detail, string? Json, string? Unreachable)> PollAsync(string id, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        DateTimeOffset? unreachableSince = null;
        while (true)
        {
            PipelineDetail? detail = null;
            string? body = null;
            string? unreachable = null;
            try
            {
                (detail, body) = await api.GetPipelineAsync(id, ct).ConfigureAwait(false);
                unreachableSince = null;
            }
            catch (CliException ex) when (ex.ExitCode == ExitCodes.Unreachable)
            {
                unreachableSince ??= clock.GetUtcNow();
                if (clock.GetUtcNow() - unreachableSince >= UnreachableGrace)
                {
                    throw;
                }

                unreachable = ex.Message;
            }

            yield return (detail, body, unreachable);
            if (detail?.Pipeline.HasEnded == true)
            {
                yield break;
            }

            await Task.Delay(interval, clock, ct).ConfigureAwait(false);
        }
    }

    private static string Compact(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement);
    }
}
