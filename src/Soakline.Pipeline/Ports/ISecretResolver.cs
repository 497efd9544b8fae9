namespace Soakline.Pipeline.Ports;

/// <summary>
/// Resolves secret names from the spec (<c>env: { DATABASE_URL: { secret: database-url } }</c>) to values, at the last
/// moment, inside the deploy activity: secret values must never enter durable history, logs or messages.
/// </summary>
public interface ISecretResolver
{
    /// <summary>The value of each named secret; a missing secret is an error naming the secret (never its value).</summary>
    Task<IReadOnlyDictionary<string, string>> ResolveAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken);
}
