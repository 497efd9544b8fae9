namespace Soakline.Durable.AzureStorage.Tests;

public sealed class TaskHubNamesTests
{
    [Fact]
    public void Names_every_resource_from_the_hub_name()
    {
        var names = TaskHubNames.For("Release7");

        Assert.Equal(new TaskHubNames("Release7Instances", "release7-control", "release7-work", "release7-poison", "release7-payloads"), names);
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("ab", "3 to 45 characters")]
    [InlineData("7hub", "must start with a letter")]
    [InlineData("my-hub", "contains '-'")]
    [InlineData("my_hub", "contains '_'")]
    [InlineData("a123456789012345678901234567890123456789012345", "3 to 45 characters")]
    public void Rejects_a_name_Azure_would_refuse_naming_the_field(string name, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => TaskHubNames.For(name));

        Assert.Contains("TaskHubName", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
