using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Soakline.Functions.Adapters;
using Soakline.Functions.Engine;
using Soakline.Functions.Engine.Standalone;

namespace Soakline.Functions.Tests.Engine;

/// <summary>Soakline__Storage__WorkItemVisibilityTimeout reaches the standalone engine (the Durable Task Framework's visibility timeouts), or is refused by name.</summary>
public sealed class WorkItemVisibilityTests
{
    private const string Azurite = "UseDevelopmentStorage=true";

    private static (StandaloneEngineOptions Options, AdapterProblems Problems) Register(string? visibility)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Soakline:TaskHub"] = "visibilitytest",
            ["Soakline:Storage:ConnectionString"] = Azurite,
            ["Soakline:Storage:WorkItemVisibilityTimeout"] = visibility,
        }).Build();
        var problems = new AdapterProblems();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddSoaklineEngine(configuration, problems);
        using var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IOptions<StandaloneEngineOptions>>().Value, problems);
    }

    [Fact]
    public void The_setting_becomes_the_backends_work_item_visibility()
    {
        var (options, problems) = Register("00:00:20");

        Assert.Empty(problems.All);
        Assert.Equal(TimeSpan.FromSeconds(20), options.WorkItemVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(20), options.ControlQueueVisibilityTimeout);
    }

    [Fact]
    public void Without_the_setting_the_backend_keeps_its_default()
    {
        var (options, problems) = Register(null);

        Assert.Empty(problems.All);
        Assert.Equal(new StandaloneEngineOptions().WorkItemVisibilityTimeout, options.WorkItemVisibilityTimeout);
    }

    [Theory]
    [InlineData("20s")]
    [InlineData("00:00:14")]
    [InlineData("02:00:00")]
    public void A_bad_value_is_a_start_up_problem_naming_the_setting(string value)
    {
        var (options, problems) = Register(value);

        var problem = Assert.Single(problems.All);
        Assert.Contains("Soakline__Storage__WorkItemVisibilityTimeout", problem, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", problem, StringComparison.Ordinal);
        Assert.Equal(new StandaloneEngineOptions().WorkItemVisibilityTimeout, options.WorkItemVisibilityTimeout);
    }
}
