using System.Globalization;
using System.Text.RegularExpressions;

namespace Soakline.Pipeline.Domain;

/// <summary>
/// The name of one release directory on a host: UTC timestamp and short SHA, e.g. <c>20261123T114500Z-1a2b3c4</c>.
/// </summary>
/// <remarks>
/// Release ids end up in remote shell commands and file paths, so they are validated against a strict pattern
/// here, once, and every consumer can rely on a <see cref="ReleaseId"/> being safe to interpolate.
/// </remarks>
public sealed partial record ReleaseId
{
    private ReleaseId(string value) => Value = value;

    public string Value { get; }

    public static ReleaseId Create(DateTimeOffset createdAt, string commitSha)
    {
        ArgumentNullException.ThrowIfNull(commitSha);
        var sha = commitSha.ToLowerInvariant();
        if (!ShaPattern().IsMatch(sha))
        {
            throw new FormatException($"Commit SHA '{commitSha}' is not a hexadecimal SHA of at least 7 characters.");
        }

        var stamp = createdAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        return new ReleaseId($"{stamp}-{sha[..7]}");
    }

    public static ReleaseId Parse(string value) =>
        TryParse(value, out var id) ? id : throw new FormatException(
            $"Release id '{value}' is not of the form yyyyMMddTHHmmssZ-<7 to 12 hex digits>.");

    public static bool TryParse(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ReleaseId? id)
    {
        id = value is not null && IdPattern().IsMatch(value) ? new ReleaseId(value) : null;
        return id is not null;
    }

    public override string ToString() => Value;

    [GeneratedRegex("^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{7,12}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[0-9a-f]{7,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex ShaPattern();
}
