namespace Soakline.Integrations.Deploy;

/// <summary>
/// A host refused an effect because a later decision has already changed it (<see cref="HostFence"/>): the effect was
/// not applied, and nothing of the later decision's was undone.
/// </summary>
internal sealed class StaleDecisionException : DeployHostException
{
    public StaleDecisionException()
    {
    }

    public StaleDecisionException(string message)
        : base(message)
    {
    }

    public StaleDecisionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
