namespace Soakline.Cli.Configuration;

/// <summary>Where the app is and the key to call it with, each with where it came from (for error messages).</summary>
/// <param name="FunctionKey">
/// In Azure, the Functions host checks a function key before it forwards a request to the app; null standalone.
/// </param>
internal sealed record Connection(Uri BaseUrl, string ApiKey, string UrlSource, string KeySource, string? FunctionKey = null)
{
    /// <summary>Never the key itself: a record's generated ToString would otherwise print it.</summary>
    public override string ToString() => $"{BaseUrl} (url from {UrlSource}, API key from {KeySource})";
}
