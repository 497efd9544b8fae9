namespace Soakline.Pipeline.Spec;

/// <summary>How to tell that a component answers after a deploy. Defaults follow the seeds: 10 attempts, 5 s apart.</summary>
/// <param name="Url">An absolute http(s) URL; <c>{host}</c> is replaced by each host name so every host is probed.</param>
public sealed record HealthCheckSpec(string Url, int Attempts, TimeSpan Delay, TimeSpan Timeout)
{
    public const string HostPlaceholder = "{host}";

    public Uri UrlFor(string host) => new(Url.Replace(HostPlaceholder, host, StringComparison.Ordinal));
}
