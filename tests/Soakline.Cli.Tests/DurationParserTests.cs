using Soakline.Cli.Commands;

namespace Soakline.Cli.Tests;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("2s", 2000)]
    [InlineData("500ms", 500)]
    [InlineData("1m", 60000)]
    [InlineData("1.5", 1500)]
    [InlineData("00:00:03", 3000)]
    public void Reads_durations_as_people_type_them(string text, int milliseconds)
    {
        Assert.True(DurationParser.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Fact]
    public void Refuses_what_is_not_a_duration() => Assert.False(DurationParser.TryParse("soon", out _));
}
