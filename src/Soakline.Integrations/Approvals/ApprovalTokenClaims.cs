namespace Soakline.Integrations.Approvals;

/// <summary>What an approval token asserts: who may decide what for which pipeline instance, until when.</summary>
/// <param name="Nonce">
/// Random and unique per approver and request. The approve and reject links of one mail share it, so redeeming
/// either one spends both.
/// </param>
public sealed record ApprovalTokenClaims(
    string InstanceId,
    ApprovalChoice Choice,
    string Approver,
    DateTimeOffset ExpiresAt,
    string Nonce);
