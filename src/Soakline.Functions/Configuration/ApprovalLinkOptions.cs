namespace Soakline.Functions.Configuration;

/// <summary>The approval links' signing key (<c>Soakline__Approvals__SigningKey</c>).</summary>
internal sealed class ApprovalLinkOptions
{
    public string? SigningKey { get; set; }
}
