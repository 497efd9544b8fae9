namespace Soakline.Integrations.LocalGit;

/// <summary>A release request names a commit or branch the clone does not have as asked; <see cref="Field"/> says which input to fix.</summary>
public sealed class LocalCommitRefusedException : Exception
{
    public LocalCommitRefusedException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    public LocalCommitRefusedException()
    {
        Field = string.Empty;
    }

    public LocalCommitRefusedException(string message)
        : base(message)
    {
        Field = string.Empty;
    }

    public LocalCommitRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = string.Empty;
    }

    public string Field { get; }
}
