namespace Soakline.Functions.Approvals;

/// <summary>How long a decision endpoint waits for the approval gate's receipt before answering 504.</summary>
internal sealed class DecisionDeskOptions
{
    public TimeSpan AcknowledgementTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Paces the reads while waiting. The real clock: the wait is for the engine's work, which runs in real time even
    /// where the app's <see cref="TimeProvider"/> is a test's fake clock.
    /// </summary>
    public TimeProvider Pacing { get; set; } = TimeProvider.System;
}
