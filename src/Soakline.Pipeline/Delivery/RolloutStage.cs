namespace Soakline.Pipeline.Delivery;

/// <summary>One step of a rollout: route <see cref="Percent"/> of traffic to the new release and soak.</summary>
/// <param name="Number">1-based stage number.</param>
/// <param name="HostCount">How many of the component's hosts run the new release during this stage.</param>
internal sealed record RolloutStage(int Number, int Percent, int HostCount, TimeSpan Soak)
{
    public bool IsFinal => Percent == 100;
}
