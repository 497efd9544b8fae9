using Soakline.Functions.Dashboard;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Tests.Dashboard;

public sealed class StatusToneTests
{
    [Theory]
    [InlineData(nameof(TransitionKind.PolicyRefused), "bad")]
    [InlineData(nameof(TransitionKind.SpecInvalid), "bad")]
    [InlineData(nameof(TransitionKind.SpecUnavailable), "bad")]
    [InlineData(nameof(TransitionKind.Approved), "ok")]
    public void A_transition_is_coloured_by_what_it_means(string kind, string tone) =>
        Assert.Equal(tone, StatusTone.ForKind(kind));
}
