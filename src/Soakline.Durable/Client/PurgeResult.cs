namespace Soakline.Durable;

/// <summary>How many instances a purge removed.</summary>
public sealed class PurgeResult
{
    public PurgeResult(int count)
    {
        PurgedInstanceCount = count;
    }

    public int PurgedInstanceCount { get; }
}
