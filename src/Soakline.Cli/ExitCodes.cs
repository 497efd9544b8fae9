namespace Soakline.Cli;

/// <summary>
/// What the process exit code says. Scripts branch on these, so they are stable and documented in docs/cli.md:
/// 0-9 are about the command itself, 10 and up say how a watched pipeline ended.
/// </summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked; a watched pipeline ended well (released, deployed, nothing to do).</summary>
    public const int Success = 0;

    /// <summary>Something unexpected went wrong in the CLI itself.</summary>
    public const int Unexpected = 1;

    /// <summary>Bad arguments or configuration: an unknown option, a bad value, no URL or no API key.</summary>
    public const int Usage = 2;

    /// <summary>The app could not be reached, or answered with something that is not the API's JSON.</summary>
    public const int Unreachable = 3;

    /// <summary>The app refused the API key (401).</summary>
    public const int Unauthorized = 4;

    /// <summary>No such pipeline or route (404).</summary>
    public const int NotFound = 5;

    /// <summary>The app answered but did not do it: 400, 403, 409 or another error; its message is printed.</summary>
    public const int Refused = 6;

    /// <summary>The pipeline failed: a deploy or health check failed, or the orchestration itself failed.</summary>
    public const int PipelineFailed = 10;

    /// <summary>The rollout was rolled back (a soak check breached, or an emergency rollback).</summary>
    public const int RolledBack = 11;

    /// <summary>An approver rejected the release.</summary>
    public const int Rejected = 12;

    /// <summary>Soakline refused to run it (the protection policy, or another pipeline holds the environment).</summary>
    public const int PipelineRefused = 13;

    /// <summary>Nobody approved in time.</summary>
    public const int ApprovalExpired = 14;

    /// <summary>The pipeline spec (.soakline.yml) is invalid.</summary>
    public const int SpecInvalid = 15;

    /// <summary>A gate did not pass: tests red or timed out, or production's E2E requirement not met.</summary>
    public const int GateFailed = 16;

    /// <summary>The orchestration was terminated by an operator.</summary>
    public const int Terminated = 17;

    /// <summary>Interrupted (Ctrl-C) before the command finished; the pipeline goes on.</summary>
    public const int Interrupted = 130;
}
