using MimeKit;
using Soakline.Integrations.Approvals;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Notifications.Mail;

/// <summary>
/// <see cref="IApprovalNotifier"/> by mail: one message per approver, because each approver's links carry tokens
/// bound to that approver. Approve and reject share one nonce, so using either spends both.
/// </summary>
internal sealed class SmtpApprovalNotifier : IApprovalNotifier
{
    private readonly ApprovalTokenSigner _signer;
    private readonly ApprovalMailComposer _composer;
    private readonly SmtpMailSender _sender;
    private readonly ApprovalMailSettings _mail;
    private readonly TimeProvider _timeProvider;

    public SmtpApprovalNotifier(ApprovalTokenSigner signer, ApprovalMailComposer composer, SmtpMailSender sender, ApprovalMailSettings mail, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(mail);
        mail.Validate();
        _signer = signer;
        _composer = composer;
        _sender = sender;
        _mail = mail;
        _timeProvider = timeProvider;
    }

    public async Task<ApprovalRequestSent> RequestApprovalAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        var messages = request.Approvers.Select(approver =>
        {
            var nonce = ApprovalTokenSigner.NewNonce();
            Uri Link(ApprovalChoice choice) =>
                _mail.LinkFor(_signer.Sign(new ApprovalTokenClaims(request.InstanceId, choice, approver, request.ExpiresAt, nonce)));
            return _composer.Compose(new ApprovalMailContent(
                request.InstanceId, request.Summary, approver, Link(ApprovalChoice.Approve), Link(ApprovalChoice.Reject), request.ExpiresAt, request.Expedited));
        }).ToList();

        await _sender.SendAsync(messages, cancellationToken).ConfigureAwait(false);
        return new ApprovalRequestSent(request.Approvers.ToList(), _timeProvider.GetUtcNow());
    }

    private void Validate(ApprovalRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.InstanceId, "request.InstanceId");
        ArgumentNullException.ThrowIfNull(request.Summary, "request.Summary");
        if (request.Approvers is null || request.Approvers.Count == 0)
        {
            throw new ArgumentException("ApprovalRequest.Approvers is empty: the spec's approval.approvers must list at least one address.", nameof(request));
        }

        foreach (var approver in request.Approvers)
        {
            if (!MailboxAddress.TryParse(approver, out var address) || !address.Address.Contains('@', StringComparison.Ordinal))
            {
                throw new ArgumentException($"ApprovalRequest.Approvers: '{approver}' is not an email address.", nameof(request));
            }
        }

        if (request.ExpiresAt <= _timeProvider.GetUtcNow())
        {
            throw new ArgumentException($"ApprovalRequest.ExpiresAt {request.ExpiresAt:u} is not in the future.", nameof(request));
        }
    }
}
