using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Soakline.Integrations.Approvals;

namespace Soakline.Integrations.Tests.Approvals;

public sealed class ApprovalTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly InMemoryNonceLedger _ledger;
    private readonly ApprovalTokenSigner _signer = new(new ApprovalTokenSettings { SigningKey = NewKey() });

    public ApprovalTokenTests() => _ledger = new InMemoryNonceLedger(_clock);

    private ApprovalTokenRedeemer Redeemer => new(_signer, _ledger, _clock);

    [Fact]
    public async Task A_valid_token_carries_its_claims_and_works_once()
    {
        var claims = Claims(ApprovalChoice.Approve);
        var token = _signer.Sign(claims);

        var inspected = await Redeemer.InspectAsync(token, CancellationToken.None);
        var first = await Redeemer.RedeemAsync(token, CancellationToken.None);
        var second = await Redeemer.RedeemAsync(token, CancellationToken.None);

        Assert.True(inspected.IsValid);
        Assert.Equal(claims, first.Claims);
        Assert.True(first.IsValid);
        Assert.Equal(ApprovalTokenStatus.AlreadyUsed, second.Status);
    }

    [Fact]
    public async Task Inspecting_does_not_spend_the_token()
    {
        var token = _signer.Sign(Claims(ApprovalChoice.Approve));

        await Redeemer.InspectAsync(token, CancellationToken.None);
        await Redeemer.InspectAsync(token, CancellationToken.None);

        Assert.True((await Redeemer.RedeemAsync(token, CancellationToken.None)).IsValid);
    }

    [Fact]
    public async Task Approve_and_reject_links_sharing_a_nonce_spend_each_other()
    {
        var nonce = ApprovalTokenSigner.NewNonce();
        var approve = _signer.Sign(Claims(ApprovalChoice.Approve) with { Nonce = nonce });
        var reject = _signer.Sign(Claims(ApprovalChoice.Reject) with { Nonce = nonce });

        Assert.True((await Redeemer.RedeemAsync(reject, CancellationToken.None)).IsValid);
        Assert.Equal(ApprovalTokenStatus.AlreadyUsed, (await Redeemer.RedeemAsync(approve, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task An_expired_token_is_rejected_and_not_spent()
    {
        var token = _signer.Sign(Claims(ApprovalChoice.Approve));
        _clock.Advance(TimeSpan.FromHours(2));

        var result = await Redeemer.RedeemAsync(token, CancellationToken.None);

        Assert.Equal(ApprovalTokenStatus.Expired, result.Status);
        Assert.Equal(0, _ledger.Count);
    }

    [Fact]
    public async Task A_token_whose_payload_was_changed_is_rejected()
    {
        var token = _signer.Sign(Claims(ApprovalChoice.Reject));
        var signature = token[(token.IndexOf('.', StringComparison.Ordinal) + 1)..];
        var forgedPayload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.AsSpan(0, token.IndexOf('.', StringComparison.Ordinal))))
            .Replace("\"d\":1", "\"d\":0", StringComparison.Ordinal);
        Assert.Contains("\"d\":0", forgedPayload, StringComparison.Ordinal);
        var forged = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(forgedPayload))}.{signature}";

        var result = await Redeemer.RedeemAsync(forged, CancellationToken.None);

        Assert.Equal(ApprovalTokenStatus.BadSignature, result.Status);
        Assert.Null(result.Claims);
        Assert.Equal(0, _ledger.Count);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_rejected()
    {
        var other = new ApprovalTokenSigner(new ApprovalTokenSettings { SigningKey = NewKey() });

        var result = await Redeemer.RedeemAsync(other.Sign(Claims(ApprovalChoice.Approve)), CancellationToken.None);

        Assert.Equal(ApprovalTokenStatus.BadSignature, result.Status);
    }

    [Fact]
    public async Task A_flipped_signature_bit_is_rejected()
    {
        var token = _signer.Sign(Claims(ApprovalChoice.Approve));
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        signature[^1] ^= 1;

        var result = await Redeemer.RedeemAsync($"{token[..dot]}.{Base64Url.EncodeToString(signature)}", CancellationToken.None);

        Assert.Equal(ApprovalTokenStatus.BadSignature, result.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData("a.b.c")]
    [InlineData("payload.")]
    [InlineData("payload.***")]
    public async Task Malformed_tokens_are_rejected(string? token)
    {
        var result = await Redeemer.RedeemAsync(token, CancellationToken.None);

        Assert.Equal(ApprovalTokenStatus.Malformed, result.Status);
    }

    [Fact]
    public async Task Concurrent_redemptions_let_exactly_one_through()
    {
        var token = _signer.Sign(Claims(ApprovalChoice.Approve));

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => Redeemer.RedeemAsync(token, CancellationToken.None))));

        Assert.Single(results, r => r.IsValid);
        Assert.Equal(31, results.Count(r => r.Status == ApprovalTokenStatus.AlreadyUsed));
    }

    [Theory]
    [InlineData("", "not set")]
    [InlineData("%%%", "not valid base64")]
    [InlineData("c2hvcnQ=", "at least 32")]
    public void Bad_signing_keys_are_refused_naming_the_setting(string key, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => new ApprovalTokenSigner(new ApprovalTokenSettings { SigningKey = key }));

        Assert.Contains("Approvals:SigningKey", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    private static ApprovalTokenClaims Claims(ApprovalChoice choice) =>
        new("release-acme-shop-0123456", choice, "alice@example.com", Now.AddHours(1), "n0nce");

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
