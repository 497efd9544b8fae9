using System.Security.Cryptography;

namespace Soakline.Functions.Webhooks;

/// <summary>GitHub's <c>X-Hub-Signature-256</c>: <c>sha256=</c> and the hex HMAC-SHA256 of the raw body under the webhook secret.</summary>
internal static class WebhookSignature
{
    public const string HeaderName = "X-Hub-Signature-256";
    private const string Prefix = "sha256=";

    public static bool IsValid(ReadOnlySpan<byte> body, string? header, byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || header.Length != Prefix.Length + 64)
        {
            return false;
        }

        byte[] claimed;
        try
        {
            claimed = Convert.FromHexString(header.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        // Constant time: the comparison must not reveal how many leading bytes of a forged signature were right.
        return CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(secret, body), claimed);
    }

    /// <summary>The header value GitHub would send for this body (tests, tools).</summary>
    public static string Compute(ReadOnlySpan<byte> body, byte[] secret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body));
}
