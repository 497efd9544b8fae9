namespace Soakline.Integrations.Deploy.Ssh;

/// <summary>The host presented a key that is not pinned: possibly a rebuilt server, possibly an impostor. Never retried.</summary>
internal sealed class HostKeyMismatchException : DeployHostException
{
    public HostKeyMismatchException()
    {
    }

    public HostKeyMismatchException(string message)
        : base(message)
    {
    }

    public HostKeyMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
