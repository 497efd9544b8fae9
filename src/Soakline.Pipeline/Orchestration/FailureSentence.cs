using System.Text.RegularExpressions;
using Microsoft.DurableTask;

namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// The sentence a crashed pipeline ends with: which step failed and its error, fit for a commit status, a chat message
/// and the dashboard. Only the message's first line (no stack trace), what could carry a credential masked (a URL's user
/// info and query string), at most <see cref="MaxLength"/> characters. Pure and deterministic, so orchestrators use it.
/// </summary>
public static partial class FailureSentence
{
    public const int MaxLength = 300;

    /// <summary>"DeployComponentActivity failed: ssh: connection to web-1 lost".</summary>
    public static string Of(TaskFailedException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return Of(failure.TaskName, failure.FailureDetails.ErrorMessage);
    }

    public static string Of(string step, string? errorMessage) => Clean($"{step} failed: {Readable(errorMessage)}");

    /// <summary>The sentence for an orchestration the engine reports failed outright (its failure details' message).</summary>
    public static string FromEngine(string? errorMessage) => Clean(Readable(errorMessage));

    private static string Readable(string? message)
    {
        var firstLine = message?.Split('\n', 2)[0].Trim();
        if (string.IsNullOrEmpty(firstLine))
        {
            return "no error message";
        }

        // The SDK wraps a failed step as "Task 'Name' (#3) failed with an unhandled exception: <message>", nested once
        // per orchestration level; "Name failed: <message>" says the same to a person.
        var unwrapped = SdkWrapper().Replace(firstLine, m => $"{m.Groups["name"].Value} failed: ").Trim();
        return unwrapped.EndsWith(" failed:", StringComparison.Ordinal) ? unwrapped[..^1] : unwrapped;
    }

    private static string Clean(string sentence)
    {
        var masked = UrlQuery().Replace(UrlUserInfo().Replace(sentence, "${scheme}***@"), "${address}?***");
        return masked.Length <= MaxLength ? masked : masked[..(MaxLength - 1)] + "…";
    }

    [GeneratedRegex(@"Task '(?<name>[^']+)' \(#\d+\) failed with an unhandled exception[:.]?\s*", RegexOptions.CultureInvariant)]
    private static partial Regex SdkWrapper();

    [GeneratedRegex(@"(?<scheme>\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^/\s@]+@", RegexOptions.CultureInvariant)]
    private static partial Regex UrlUserInfo();

    [GeneratedRegex(@"(?<address>\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s?#]+)\?[^\s#]*", RegexOptions.CultureInvariant)]
    private static partial Regex UrlQuery();
}
