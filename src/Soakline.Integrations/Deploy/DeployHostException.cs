namespace Soakline.Integrations.Deploy;

/// <summary>
/// One host could not do its part: the message says which step failed and why, is already free of secrets and is
/// what lands in <see cref="Soakline.Pipeline.Ports.HostDeployResult.Error"/>.
/// </summary>
internal class DeployHostException : Exception
{
    public DeployHostException()
    {
    }

    public DeployHostException(string message)
        : base(message)
    {
    }

    public DeployHostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
