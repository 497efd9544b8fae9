using Soakline.Pipeline.Spec.Loading;

namespace Soakline.Pipeline.Tests.Domain;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("5s", 5_000)]
    [InlineData("30m", 1_800_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("2d", 172_800_000)]
    public void Parses_and_formats_unit_durations(string text, long milliseconds)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
        Assert.Equal(text, DurationParser.Format(duration));
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("m30")]
    [InlineData("30 m")]
    [InlineData("00:30:00")]
    [InlineData("-5m")]
    public void Rejects_anything_else(string text) => Assert.False(DurationParser.TryParse(text, out _));
}
