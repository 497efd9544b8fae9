namespace Soakline.Integrations.Deploy.Local;

/// <summary>Settings of the local deploy target (single-box installs and the demo).</summary>
public sealed class LocalTargetOptions
{
    /// <summary>Instances by the names the pipeline spec uses as hosts.</summary>
    public IDictionary<string, LocalHostSettings> Hosts { get; } = new Dictionary<string, LocalHostSettings>(StringComparer.Ordinal);

    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(10);

    public int MaxParallelHosts { get; set; } = 4;
}
