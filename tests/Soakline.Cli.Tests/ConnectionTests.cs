using Soakline.Cli.Configuration;
using Soakline.Cli.Tests.Infrastructure;

namespace Soakline.Cli.Tests;

/// <summary>The URL and key come from flags, then environment variables, then the config file; errors say which.</summary>
public sealed class ConnectionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("soakline-cli-config-").FullName;

    private static CliEnvironment Environment(Dictionary<string, string> variables, string configFile) =>
        new(name => variables.TryGetValue(name, out var value) ? value : null, configFile);

    private string Config(string json)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Flags_win_over_environment_variables_which_win_over_the_config_file()
    {
        var file = Config("""{"url": "http://file.example:1", "apiKey": "from-file"}""");
        var variables = new Dictionary<string, string> { ["SOAKLINE_URL"] = "http://env.example:2", ["SOAKLINE_API_KEY"] = "from-env" };

        var fromFlags = ConnectionResolver.Resolve("http://flag.example:3", "from-flag", null, Environment(variables, file));
        var fromEnvironment = ConnectionResolver.Resolve(null, null, null, Environment(variables, file));
        var fromFile = ConnectionResolver.Resolve(null, null, null, Environment([], file));

        Assert.Equal(("http://flag.example:3/", "from-flag"), (fromFlags.BaseUrl.AbsoluteUri, fromFlags.ApiKey));
        Assert.Equal(("http://env.example:2/", "from-env"), (fromEnvironment.BaseUrl.AbsoluteUri, fromEnvironment.ApiKey));
        Assert.Equal(("http://file.example:1/", "from-file"), (fromFile.BaseUrl.AbsoluteUri, fromFile.ApiKey));
    }

    [Fact]
    public void Each_value_comes_from_the_first_source_that_has_it()
    {
        var file = Config("""{"url": "http://file.example:1/soakline", "apiKey": "from-file"}""");

        var connection = ConnectionResolver.Resolve(null, "from-flag", null, Environment([], file));

        Assert.Equal("http://file.example:1/soakline/", connection.BaseUrl.AbsoluteUri);
        Assert.Equal("from-flag", connection.ApiKey);
        Assert.Equal("--api-key", connection.KeySource);
        Assert.StartsWith("config file", connection.UrlSource, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_file_named_with_config_is_read_instead_of_the_default_one()
    {
        var defaultFile = Config("""{"url": "http://default.example:1", "apiKey": "default"}""");
        var named = Config("""{"url": "http://named.example:1", "apiKey": "named"}""");

        var connection = ConnectionResolver.Resolve(null, null, named, Environment([], defaultFile));

        Assert.Equal("named", connection.ApiKey);
    }

    [Fact]
    public void Without_a_url_the_error_names_every_way_to_give_one()
    {
        var error = Assert.Throws<CliException>(() => ConnectionResolver.Resolve(null, "key", null, Environment([], Path.Combine(_folder, "none.json"))));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("--url", error.Message, StringComparison.Ordinal);
        Assert.Contains("SOAKLINE_URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("none.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_key_the_error_says_how_to_get_one()
    {
        var error = Assert.Throws<CliException>(() => ConnectionResolver.Resolve("http://x.example", null, null, Environment([], Path.Combine(_folder, "none.json"))));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("Soakline__ApiKeys", error.Message, StringComparison.Ordinal);
        Assert.Contains("SOAKLINE_API_KEY", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://x.example")]
    [InlineData("not a url")]
    public void A_url_that_is_not_http_is_refused_naming_where_it_came_from(string url)
    {
        var error = Assert.Throws<CliException>(() => ConnectionResolver.Resolve(null, "key", null, Environment(new() { ["SOAKLINE_URL"] = url }, Path.Combine(_folder, "none.json"))));

        Assert.StartsWith("SOAKLINE_URL:", error.Message, StringComparison.Ordinal);
        Assert.Contains(url, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_file_that_is_not_json_is_named_with_its_line_and_never_quotes_the_key()
    {
        var file = Config("{\n  \"url\": \"http://x.example\",\n  \"apiKey\": \"secret-key-value\"\n  oops\n}");

        var error = Assert.Throws<CliException>(() => ConnectionResolver.Resolve(null, null, file, Environment([], file)));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-key-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_file_named_with_config_must_exist()
    {
        var missing = Path.Combine(_folder, "missing.json");

        var error = Assert.Throws<CliException>(() => ConnectionResolver.Resolve(null, null, missing, Environment([], Path.Combine(_folder, "none.json"))));

        Assert.Equal($"--config: {missing} does not exist", error.Message);
    }

    [Fact]
    public void A_connection_prints_where_its_values_came_from_but_never_the_key()
    {
        var connection = ConnectionResolver.Resolve("http://x.example", "secret-key-value", null, Environment([], Path.Combine(_folder, "none.json")));

        Assert.DoesNotContain("secret-key-value", connection.ToString(), StringComparison.Ordinal);
        Assert.Contains("--api-key", connection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_reads_the_environment_variables_it_is_given()
    {
        await using var api = await FakeSoaklineApi.StartAsync();

        var run = await CliRun.StartAsync(["pipelines"], new Dictionary<string, string> { ["SOAKLINE_URL"] = api.BaseUrl.AbsoluteUri, ["SOAKLINE_API_KEY"] = FakeSoaklineApi.Key });

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(FakeSoaklineApi.Key, Assert.Single(api.Requests).ApiKey);
    }

    [Fact]
    public async Task A_function_key_for_azure_is_sent_as_x_functions_key_only_when_configured()
    {
        await using var api = await FakeSoaklineApi.StartAsync();
        var file = Config($$"""{"url": "{{api.BaseUrl.AbsoluteUri}}", "apiKey": "{{FakeSoaklineApi.Key}}", "functionKey": "function-key-from-file"}""");

        var withKey = await CliRun.StartAsync(["pipelines", "--config", file]);
        var without = await CliRun.StartAsync(["pipelines", "--url", api.BaseUrl.AbsoluteUri, "--api-key", FakeSoaklineApi.Key]);

        Assert.Equal((0, 0), (withKey.ExitCode, without.ExitCode));
        Assert.Equal(["function-key-from-file", ""], api.Requests.Select(r => r.FunctionKey));
        Assert.Equal([FakeSoaklineApi.Key, FakeSoaklineApi.Key], api.Requests.Select(r => r.ApiKey));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
