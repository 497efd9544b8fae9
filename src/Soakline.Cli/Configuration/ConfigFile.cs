using System.Text.Json;

namespace Soakline.Cli.Configuration;

/// <summary>The config file: <c>{"url": "https://...", "apiKey": "...", "functionKey": "..."}</c> (functionKey for Azure only).</summary>
internal sealed record ConfigFile(string? Url, string? ApiKey, string? FunctionKey = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Reads <paramref name="path"/>; null when it does not exist and was not named explicitly.</summary>
    public static ConfigFile? Read(string path, bool explicitlyNamed)
    {
        if (!File.Exists(path))
        {
            return explicitlyNamed ? throw new CliException(ExitCodes.Usage, $"--config: {path} does not exist") : null;
        }

        try
        {
            return JsonSerializer.Deserialize<ConfigFile>(File.ReadAllText(path), Json)
                ?? throw new CliException(ExitCodes.Usage, $"config file {path}: expected a JSON object with url and apiKey, found null");
        }
        catch (JsonException ex)
        {
            // The exception's own message quotes no value, only the position, so the key cannot leak through it.
            throw new CliException(ExitCodes.Usage, $"config file {path} is not valid JSON (line {ex.LineNumber + 1}): expected {{\"url\": \"...\", \"apiKey\": \"...\"}}");
        }
        catch (IOException ex)
        {
            throw new CliException(ExitCodes.Usage, $"config file {path} cannot be read: {ex.Message}");
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Usage, $"config file {path} cannot be read: permission denied");
        }
    }
}
