using Soakline.Pipeline.Dora;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Tests.Dora;

public sealed class DoraCalculatorTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private int _ids;

    private ReleaseTransition T(string pipeline, TransitionKind kind, double hours, double? committedHoursBefore = null, string environment = "production") =>
        new($"t{_ids++}", pipeline, environment, kind, Day0.AddHours(hours), kind.ToString(),
            CommittedAt: committedHoursBefore is null ? null : Day0.AddHours(hours - committedHoursBefore.Value));

    [Fact]
    public void Figures_come_from_released_failed_and_restored_transitions()
    {
        ReleaseTransition[] history =
        [
            T("p1", TransitionKind.Released, 10, committedHoursBefore: 2),
            T("p2", TransitionKind.Released, 30, committedHoursBefore: 4),
            T("p3", TransitionKind.ChangeFailed, 50),
            T("p3", TransitionKind.Restored, 50.25),
            T("p4", TransitionKind.Released, 70, committedHoursBefore: 6),
            T("p4", TransitionKind.ChangeFailed, 80),
            T("p4", TransitionKind.Restored, 80.75),
            T("s1", TransitionKind.Released, 20, committedHoursBefore: 1, environment: "staging"),
            T("p5", TransitionKind.Rejected, 90),
        ];

        var figures = DoraCalculator.Compute(history, "production", Day0, Day0.AddDays(4));

        Assert.Equal(4, figures.Deployments);
        Assert.Equal(1.0, figures.DeploymentsPerDay, 6);
        Assert.Equal(TimeSpan.FromHours(4), figures.MedianLeadTime);
        Assert.Equal(2, figures.FailedChanges);
        Assert.Equal(0.5, figures.ChangeFailureRate);
        Assert.Equal(TimeSpan.FromMinutes(30), figures.MedianTimeToRestore);
    }

    [Fact]
    public void An_empty_window_has_no_rates()
    {
        var figures = DoraCalculator.Compute([T("p1", TransitionKind.Released, 10, 1)], "production", Day0.AddDays(5), Day0.AddDays(6));

        Assert.Equal(0, figures.Deployments);
        Assert.Null(figures.ChangeFailureRate);
        Assert.Null(figures.MedianLeadTime);
        Assert.Null(figures.MedianTimeToRestore);
    }

    [Fact]
    public void A_window_must_have_positive_length() =>
        Assert.Throws<ArgumentException>(() => DoraCalculator.Compute([], "production", Day0, Day0));
}
