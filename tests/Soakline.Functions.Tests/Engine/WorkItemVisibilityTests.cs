using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Soakline.Durable.AzureStorage;
using Soakline.Functions.Adapters;
using Soakline.Functions.Engine;

namespace Soakline.Functions.Tests.Engine;

/// <summary>Soakline__Storage__WorkItemVisibilityTimeout reaches the Azure Storage backend, or is refused by name.</summary>
public sealed class WorkItemVisibilityTests
{
    private const string Azurite = "UseDevelopmentStorage=true";

    private static (AzureStorageOptions Options, AdapterProblems Problems) Register(string? visibility)
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
        return (provider.GetRequiredService<AzureStorageOptions>(), problems);
    }

    [Fact]
    public void The_setting_becomes_the_backends_work_item_visibility()
    {
        var (options, problems) = Register("00:00:20");

        Assert.Empty(problems.All);
        Assert.Equal(TimeSpan.FromSeconds(20), options.WorkItemVisibilityTimeout);
    }

    [Fact]
    public void Without_the_setting_the_backend_keeps_its_default()
    {
        var (options, problems) = Register(null);

        Assert.Empty(problems.All);
        Assert.Equal(new AzureStorageOptions().WorkItemVisibilityTimeout, options.WorkItemVisibilityTimeout);
    }

    [Theory]
    [InlineData("20s")]
    [InlineData("00:00:05")]
    [InlineData("02:00:00")]
    public void A_bad_value_is_a_start_up_problem_naming_the_setting(string value)
    {
        var (options, problems) = Register(value);

        var problem = Assert.Single(problems.All);
        Assert.Contains("Soakline__Storage__WorkItemVisibilityTimeout", problem, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", problem, StringComparison.Ordinal);
        Assert.Equal(new AzureStorageOptions().WorkItemVisibilityTimeout, options.WorkItemVisibilityTimeout);
    }
}
