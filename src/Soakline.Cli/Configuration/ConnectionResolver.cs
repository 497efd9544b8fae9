namespace Soakline.Cli.Configuration;

/// <summary>
/// Finds the app's URL and API key: flags first, then environment variables, then the config file (named by
/// <c>--config</c>, or the default one). Each value is taken from the first source that has it, so a flag overrides
/// only what it names.
/// </summary>
internal static class ConnectionResolver
{
    public const string UrlVariable = "SOAKLINE_URL";
    public const string KeyVariable = "SOAKLINE_API_KEY";
    public const string FunctionKeyVariable = "SOAKLINE_FUNCTION_KEY";

    /// <summary>How to get a key: printed whenever one is missing or refused.</summary>
    public const string KeyHint =
        "ask whoever runs the app for a named API key (the app's Soakline__ApiKeys setting; docs/operations.md), " +
        $"then pass it as --api-key, set {KeyVariable}, or put \"apiKey\" in the config file";

    public static Connection Resolve(string? urlFlag, string? keyFlag, string? configFlag, CliEnvironment environment, string? functionKeyFlag = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var configPath = string.IsNullOrWhiteSpace(configFlag) ? environment.DefaultConfigFile : Path.GetFullPath(configFlag);
        var file = ConfigFile.Read(configPath, explicitlyNamed: !string.IsNullOrWhiteSpace(configFlag));

        var (url, urlSource) = First(
            (urlFlag, "--url"),
            (environment.Variable(UrlVariable), UrlVariable),
            (file?.Url, $"config file {configPath}"));
        if (url is null)
        {
            throw new CliException(ExitCodes.Usage, $"no Soakline URL: pass --url https://..., set {UrlVariable}, or put \"url\" in {configPath}");
        }

        var (key, keySource) = First(
            (keyFlag, "--api-key"),
            (environment.Variable(KeyVariable), KeyVariable),
            (file?.ApiKey, $"config file {configPath}"));
        if (key is null)
        {
            throw new CliException(ExitCodes.Usage, $"no API key: {KeyHint}");
        }

        var (functionKey, _) = First(
            (functionKeyFlag, "--function-key"),
            (environment.Variable(FunctionKeyVariable), FunctionKeyVariable),
            (file?.FunctionKey, $"config file {configPath}"));
        return new Connection(ParseUrl(url, urlSource), key, urlSource, keySource, functionKey);
    }

    private static (string? Value, string Source) First(params (string? Value, string Source)[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (!string.IsNullOrWhiteSpace(candidate.Value))
            {
                return (candidate.Value.Trim(), candidate.Source);
            }
        }

        return (null, string.Empty);
    }

    private static Uri ParseUrl(string value, string source)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException(ExitCodes.Usage, $"{source}: '{value}' is not an http(s) URL of a Soakline app (for example http://127.0.0.1:7071)");
        }

        // The API lives under the app's root: a trailing slash keeps relative paths from replacing the last segment.
        return url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
    }
}
