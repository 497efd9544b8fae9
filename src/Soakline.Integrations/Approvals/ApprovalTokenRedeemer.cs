namespace Soakline.Integrations.Approvals;

/// <summary>
/// The checks the approval endpoints run: <see cref="InspectAsync"/> for the confirmation page shown on GET (mail
/// scanners follow links, so a GET must not decide), <see cref="RedeemAsync"/> for the POST that decides and spends
/// the token.
/// </summary>
public sealed class ApprovalTokenRedeemer(ApprovalTokenSigner signer, INonceLedger ledger, TimeProvider timeProvider)
{
    /// <summary>Signature and expiry, without spending the token.</summary>
    public Task<ApprovalTokenVerification> InspectAsync(string? token, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        return Task.FromResult(CheckSignatureAndExpiry(token));
    }

    /// <summary>Signature, expiry and single use; a valid result means this call spent the token.</summary>
    public async Task<ApprovalTokenVerification> RedeemAsync(string? token, CancellationToken cancellationToken)
    {
        var verification = CheckSignatureAndExpiry(token);
        if (!verification.IsValid)
        {
            return verification;
        }

        var claims = verification.Claims!;
        return await ledger.TryConsumeAsync(claims.Nonce, claims.ExpiresAt, cancellationToken).ConfigureAwait(false)
            ? verification
            : ApprovalTokenVerification.Rejected(ApprovalTokenStatus.AlreadyUsed, "This approval link has already been used.", claims);
    }

    private ApprovalTokenVerification CheckSignatureAndExpiry(string? token)
    {
        var verification = signer.VerifySignature(token);
        if (!verification.IsValid)
        {
            return verification;
        }

        var claims = verification.Claims!;
        return claims.ExpiresAt <= timeProvider.GetUtcNow()
            ? ApprovalTokenVerification.Rejected(ApprovalTokenStatus.Expired, $"This approval link expired at {claims.ExpiresAt:u}.", claims)
            : verification;
    }
}
