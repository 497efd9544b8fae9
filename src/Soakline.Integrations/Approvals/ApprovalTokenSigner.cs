using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Soakline.Integrations.Approvals;

/// <summary>
/// Signs and checks approval tokens: <c>base64url(claims JSON) "." base64url(HMAC-SHA256(key, first part))</c>.
/// </summary>
/// <remarks>
/// Pure: no clock and no ledger. Expiry and single use are enforced by <see cref="ApprovalTokenRedeemer"/>, so that a
/// confirmation page can show what a link would do without the signer deciding anything.
/// </remarks>
public sealed class ApprovalTokenSigner
{
    private const int NonceBytes = 16;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly byte[] _key;

    public ApprovalTokenSigner(ApprovalTokenSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _key = settings.DecodeSigningKey();
    }

    /// <summary>A fresh random nonce; 128 bits make guessing or collisions irrelevant.</summary>
    public static string NewNonce() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(NonceBytes));

    public string Sign(ApprovalTokenClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ValidateClaims(claims);
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(ToWire(claims), Json));
        return $"{payload}.{Base64Url.EncodeToString(Mac(payload))}";
    }

    /// <summary>Checks shape and signature only; the result carries the claims when the signature holds.</summary>
    public ApprovalTokenVerification VerifySignature(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4096)
        {
            return ApprovalTokenVerification.Rejected(ApprovalTokenStatus.Malformed, "The approval token is missing or too long.");
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot != token.LastIndexOf('.') || dot == token.Length - 1)
        {
            return ApprovalTokenVerification.Rejected(ApprovalTokenStatus.Malformed, "The approval token is not of the form payload.signature.");
        }

        var payload = token[..dot];
        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return ApprovalTokenVerification.Rejected(ApprovalTokenStatus.Malformed, "The approval token's signature is not base64url.");
        }

        // Constant time: the comparison must not tell an attacker how many leading bytes of a forged MAC were right.
        if (!CryptographicOperations.FixedTimeEquals(Mac(payload), signature))
        {
            return ApprovalTokenVerification.Rejected(ApprovalTokenStatus.BadSignature, "The approval token's signature does not match: it was altered or signed with another key.");
        }

        var claims = TryReadClaims(payload);
        return claims is null
            ? ApprovalTokenVerification.Rejected(ApprovalTokenStatus.Malformed, "The approval token's payload cannot be read.")
            : new ApprovalTokenVerification(ApprovalTokenStatus.Valid, claims, "signature valid");
    }

    private byte[] Mac(string payload) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(payload));

    private static ApprovalTokenClaims? TryReadClaims(string payload)
    {
        try
        {
            var wire = JsonSerializer.Deserialize<WireClaims>(Base64Url.DecodeFromChars(payload), Json);
            if (wire is null || wire.I is null || wire.A is null || wire.N is null || !Enum.IsDefined(wire.D))
            {
                return null;
            }

            return new ApprovalTokenClaims(wire.I, wire.D, wire.A, DateTimeOffset.FromUnixTimeSeconds(wire.E), wire.N);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static void ValidateClaims(ApprovalTokenClaims claims)
    {
        if (string.IsNullOrWhiteSpace(claims.InstanceId))
        {
            throw new ArgumentException("ApprovalTokenClaims.InstanceId must not be empty.", nameof(claims));
        }

        if (string.IsNullOrWhiteSpace(claims.Approver))
        {
            throw new ArgumentException("ApprovalTokenClaims.Approver must not be empty.", nameof(claims));
        }

        if (string.IsNullOrWhiteSpace(claims.Nonce))
        {
            throw new ArgumentException("ApprovalTokenClaims.Nonce must not be empty.", nameof(claims));
        }

        if (!Enum.IsDefined(claims.Choice))
        {
            throw new ArgumentException($"ApprovalTokenClaims.Choice '{claims.Choice}' is not a known decision.", nameof(claims));
        }
    }

    private static WireClaims ToWire(ApprovalTokenClaims c) => new(c.InstanceId, c.Choice, c.Approver, c.ExpiresAt.ToUnixTimeSeconds(), c.Nonce);

    /// <summary>Short property names keep the links short enough for mail clients that wrap long URLs.</summary>
    private sealed record WireClaims(string? I, ApprovalChoice D, string? A, long E, string? N);
}
