namespace Soakline.Pipeline.Spec;

public enum ConcurrencyMode
{
    /// <summary>The second pipeline waits until the running one has finished.</summary>
    Queue,

    /// <summary>The second pipeline is refused and recorded as such.</summary>
    Refuse,
}
