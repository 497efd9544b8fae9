namespace Soakline.Pipeline.Domain;

/// <summary>A GitHub repository, "owner/name".</summary>
public sealed record RepositoryRef(string Owner, string Name)
{
    public string FullName => $"{Owner}/{Name}";

    /// <summary>Parses "owner/name"; the error names the bad value so a webhook or spec error is traceable.</summary>
    public static RepositoryRef Parse(string fullName)
    {
        ArgumentNullException.ThrowIfNull(fullName);
        var parts = fullName.Split('/');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new FormatException($"Repository '{fullName}' is not of the form 'owner/name'.");
        }

        return new RepositoryRef(parts[0], parts[1]);
    }

    public override string ToString() => FullName;
}
