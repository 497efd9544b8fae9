namespace Soakline.Integrations.Approvals;

/// <summary>Settings section <c>Approvals</c>.</summary>
public sealed class ApprovalTokenSettings
{
    /// <summary>Minimum key size: HMAC-SHA256 keys shorter than the hash output weaken the signature.</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>The HMAC key, base64. Comes from app settings or a Key Vault reference; never logged.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Decodes and checks <see cref="SigningKey"/>; the error names the setting, never the value.</summary>
    public byte[] DecodeSigningKey()
    {
        if (string.IsNullOrWhiteSpace(SigningKey))
        {
            throw new ArgumentException("Approvals:SigningKey is not set: give a base64 key of at least 32 bytes (e.g. `openssl rand -base64 32`).");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(SigningKey.Trim());
        }
        catch (FormatException)
        {
            throw new ArgumentException("Approvals:SigningKey is not valid base64.");
        }

        if (key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"Approvals:SigningKey decodes to {key.Length} bytes; at least {MinimumKeyBytes} are required.");
        }

        return key;
    }
}
