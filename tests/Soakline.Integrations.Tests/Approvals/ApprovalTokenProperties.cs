using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CsCheck;
using Microsoft.Extensions.Time.Testing;
using Soakline.Integrations.Approvals;
using Soakline.Tests.Properties;

namespace Soakline.Integrations.Tests.Approvals;

/// <summary>
/// No approval token decides unless it is the one Soakline signed, unaltered, unexpired and unspent: forged, altered,
/// expired and replayed tokens are each refused with their reason, whatever the claims.
/// </summary>
public sealed class ApprovalTokenProperties
{
    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Key = SHA256.HashData("approval-token-properties"u8);

    private static readonly Gen<ApprovalTokenClaims> Claims = Gen.Select(
            Gen.String[Gen.Char.AlphaNumeric, 1, 60],
            Gen.Enum<ApprovalChoice>(),
            Gen.String[1, 40].Where(s => !string.IsNullOrWhiteSpace(s)),
            Gen.Int[1, 30 * 24 * 3600],
            Gen.Byte.Array[16])
        .Select((instance, choice, approver, secondsLeft, nonce) =>
            new ApprovalTokenClaims("release-" + instance, choice, approver, Now.AddSeconds(secondsLeft), Base64Url.EncodeToString(nonce)));

    [Fact]
    public void Random_text_is_never_a_valid_token()
    {
        var text = Gen.OneOf(
            Gen.String[Gen.Char[Base64UrlAlphabet + ".=+/ "], 0, 300],
            Gen.String[0, 100],
            // The right shape, payload and signature, each of random bytes.
            Gen.Select(Gen.Byte.Array[0, 200], Gen.Byte.Array[0, 40]).Select((p, s) => Base64Url.EncodeToString(p) + "." + Base64Url.EncodeToString(s)));

        PropertyRun.Check(text, token =>
        {
            var (redeemer, _) = NewRedeemer();
            var result = redeemer.RedeemAsync(token, CancellationToken.None).GetAwaiter().GetResult();
            Assert.False(result.IsValid, $"a forged token decided: {result.Reason}");
            Assert.Contains(result.Status, new[] { ApprovalTokenStatus.Malformed, ApprovalTokenStatus.BadSignature });
        }, normalCases: 300);
    }

    [Fact]
    public void Claims_signed_with_another_key_are_refused_as_a_bad_signature()
    {
        PropertyRun.Check(Gen.Select(Claims, Gen.Byte.Array[32, 64]), t =>
        {
            var (claims, otherKey) = t;
            var forger = new ApprovalTokenSigner(new ApprovalTokenSettings { SigningKey = Convert.ToBase64String(otherKey) });
            var (redeemer, _) = NewRedeemer();
            var result = redeemer.RedeemAsync(forger.Sign(claims), CancellationToken.None).GetAwaiter().GetResult();
            Assert.Equal(ApprovalTokenStatus.BadSignature, result.Status);
        }, normalCases: 100);
    }

    [Fact]
    public void An_altered_token_never_decides()
    {
        // Change one character (to another base64url character or a dot), drop one, or add one anywhere in the token.
        var alteration = Gen.Select(Claims, Gen.Int[0, 2], Gen.Int[0, int.MaxValue], Gen.Char[Base64UrlAlphabet + "."]);
        PropertyRun.Check(alteration, t =>
        {
            var (claims, kind, position, character) = t;
            var (redeemer, signer) = NewRedeemer();
            var token = signer.Sign(claims);
            var altered = Alter(token, kind, position, character);
            if (altered == token)
            {
                return;
            }

            var result = redeemer.RedeemAsync(altered, CancellationToken.None).GetAwaiter().GetResult();
            Assert.False(result.IsValid, $"the altered token {altered} (from {token}) decided");
            // And the genuine token was not spent by the attempt.
            Assert.True(redeemer.RedeemAsync(token, CancellationToken.None).GetAwaiter().GetResult().IsValid);
        }, normalCases: 300);
    }

    [Fact]
    public void An_expired_token_is_refused_and_spends_nothing()
    {
        PropertyRun.Check(Gen.Select(Claims, Gen.Int[0, 365 * 24 * 3600]), t =>
        {
            var (claims, secondsAgo) = t;
            var (redeemer, signer) = NewRedeemer();
            var expired = claims with { ExpiresAt = Now.AddSeconds(-secondsAgo) };

            var result = redeemer.RedeemAsync(signer.Sign(expired), CancellationToken.None).GetAwaiter().GetResult();

            Assert.Equal(ApprovalTokenStatus.Expired, result.Status);
            // The nonce is still unspent: a fresh link of the same mail (same nonce, not expired) still works.
            Assert.True(redeemer.RedeemAsync(signer.Sign(claims), CancellationToken.None).GetAwaiter().GetResult().IsValid);
        }, normalCases: 100);
    }

    [Fact]
    public void A_token_decides_once_however_often_or_concurrently_it_is_replayed()
    {
        PropertyRun.Check(Gen.Select(Claims, Gen.Int[2, 16]), t =>
        {
            var (claims, copies) = t;
            var (redeemer, signer) = NewRedeemer();
            var token = signer.Sign(claims);

            var results = Task.WhenAll(Enumerable.Range(0, copies).Select(_ => Task.Run(() => redeemer.RedeemAsync(token, CancellationToken.None)))).GetAwaiter().GetResult();
            var again = redeemer.RedeemAsync(token, CancellationToken.None).GetAwaiter().GetResult();

            Assert.Single(results, r => r.IsValid);
            Assert.All(results.Where(r => !r.IsValid).Append(again), r => Assert.Equal(ApprovalTokenStatus.AlreadyUsed, r.Status));
        }, normalCases: 50);
    }

    private static (ApprovalTokenRedeemer Redeemer, ApprovalTokenSigner Signer) NewRedeemer()
    {
        var clock = new FakeTimeProvider(Now);
        var signer = new ApprovalTokenSigner(new ApprovalTokenSettings { SigningKey = Convert.ToBase64String(Key) });
        return (new ApprovalTokenRedeemer(signer, new InMemoryNonceLedger(clock), clock), signer);
    }

    private static string Alter(string token, int kind, int position, char character)
    {
        var at = position % token.Length;
        return kind switch
        {
            0 => new StringBuilder(token) { [at] = character }.ToString(),
            1 => token.Remove(at, 1),
            _ => token.Insert(at, character.ToString()),
        };
    }
}
