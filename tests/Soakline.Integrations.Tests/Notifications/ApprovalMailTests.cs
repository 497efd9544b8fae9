using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Soakline.Integrations.Approvals;
using Soakline.Integrations.Notifications.Mail;
using Soakline.Integrations.Tests.Fixtures;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Tests.Notifications;

[Collection(SmtpServerCollection.Name)]
public sealed partial class ApprovalMailTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly SmtpServerFixture _smtp;
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly ApprovalTokenSigner _signer = new(new ApprovalTokenSettings { SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
    private readonly InMemoryNonceLedger _ledger;

    public ApprovalMailTests(SmtpServerFixture smtp)
    {
        _smtp = smtp;
        _smtp.Clear();
        _ledger = new InMemoryNonceLedger(_clock);
    }

    [Fact]
    public async Task Each_approver_gets_a_mail_whose_links_redeem_once_for_that_approver()
    {
        var request = Request(["alice@example.com", "bob@example.com"]);

        var sent = await Notifier().RequestApprovalAsync(request, CancellationToken.None);

        Assert.Equal(["alice@example.com", "bob@example.com"], sent.Recipients);
        Assert.Equal(Now, sent.SentAt);
        var messages = await _smtp.WaitForMessagesAsync(2, TimeSpan.FromSeconds(10));
        Assert.Equal(2, messages.Count);
        var alice = Assert.Single(messages, m => m.To.Mailboxes.Single().Address == "alice@example.com");
        Assert.Equal("approvals@soakline.example", alice.From.Mailboxes.Single().Address);
        Assert.Equal("[Soakline] Approve acme/shop@0123456 to production?", alice.Subject);

        var (approve, reject) = Links(alice.TextBody);
        Assert.Equal((approve, reject), Links(alice.HtmlBody));
        Assert.StartsWith("https://soakline.example.com/approvals/", approve, StringComparison.Ordinal);

        var redeemer = new ApprovalTokenRedeemer(_signer, _ledger, _clock);
        var approved = await redeemer.RedeemAsync(Token(approve), CancellationToken.None);
        Assert.True(approved.IsValid);
        Assert.Equal(new ApprovalTokenClaims("release-42", ApprovalChoice.Approve, "alice@example.com", Now.AddHours(4), approved.Claims!.Nonce), approved.Claims);
        Assert.Equal(ApprovalTokenStatus.AlreadyUsed, (await redeemer.RedeemAsync(Token(approve), CancellationToken.None)).Status);
        Assert.Equal(ApprovalTokenStatus.AlreadyUsed, (await redeemer.RedeemAsync(Token(reject), CancellationToken.None)).Status);

        var bob = Assert.Single(messages, m => m.To.Mailboxes.Single().Address == "bob@example.com");
        var bobReject = await redeemer.RedeemAsync(Token(Links(bob.TextBody).Reject), CancellationToken.None);
        Assert.Equal(ApprovalChoice.Reject, bobReject.Claims!.Choice);
        Assert.Equal("bob@example.com", bobReject.Claims.Approver);
    }

    [Fact]
    public async Task The_mail_carries_the_release_summary_in_text_and_escaped_html()
    {
        await Notifier().RequestApprovalAsync(Request(["alice@example.com"]), CancellationToken.None);

        var message = Assert.Single(await _smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10)));
        foreach (var expected in new[] { "0123456789abcdef0123456789abcdef01234567 on main", "Carol", "api, web", "staging healthy on 2 hosts", "E2E: 48 passed", "api/Program.cs" })
        {
            Assert.Contains(expected, message.TextBody, StringComparison.Ordinal);
        }

        Assert.Contains("Fix <script>alert(1)</script> in checkout", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Fix &lt;script&gt;alert(1)&lt;/script&gt; in checkout", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("2026-11-23 16:00 UTC", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_mail_counts_the_changed_paths_says_which_components_are_first_releases_and_when_staging_ran()
    {
        var summary = Request(["alice@example.com"]).Summary with
        {
            ChangedPaths = ["api/Orders.cs", "api/Program.cs", "docs/readme.md"],
            StagingResult = "staging: api 20261123T115947Z-0123456 deployed 2026-11-23 11:59:47 UTC, still running",
            FirstReleases = ["web"],
        };

        var message = Compose(summary);

        foreach (var body in new[] { message.TextBody, message.HtmlBody })
        {
            Assert.Contains("Changed paths (3)", body, StringComparison.Ordinal);
            Assert.Contains("docs/readme.md", body, StringComparison.Ordinal);
            Assert.Contains("First release of web in production: no earlier release to compare with", body, StringComparison.Ordinal);
            Assert.Contains("staging: api 20261123T115947Z-0123456 deployed 2026-11-23 11:59:47 UTC, still running", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_summary_that_did_not_look_at_staging_says_unknown_not_not_run()
    {
        var message = Compose(Request(["alice@example.com"]).Summary with { StagingResult = null, FirstReleases = null });

        Assert.Contains("Staging: unknown", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("not run", message.TextBody!.Replace("E2E: not run", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("First release", message.TextBody, StringComparison.Ordinal);
    }

    private MimeMessage Compose(ReleaseSummary summary) =>
        new ApprovalMailComposer(Smtp(), Mail()).Compose(new ApprovalMailContent(
            "release-42", summary, "alice@example.com", new Uri("https://soakline.example.com/approvals/a"), new Uri("https://soakline.example.com/approvals/r"), Now.AddHours(4), Expedited: false));

    [Fact]
    public async Task Bad_approver_address_is_refused_and_nothing_is_sent()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Notifier().RequestApprovalAsync(Request(["alice@example.com", "not-an-address"]), CancellationToken.None));

        Assert.Contains("not-an-address", error.Message, StringComparison.Ordinal);
        Assert.Empty(await _smtp.ReceivedMessagesAsync());
    }

    [Fact]
    public async Task An_unreachable_server_is_a_delivery_error_without_the_password()
    {
        var settings = Smtp();
        settings.Port = FreePort();
        settings.TlsMode = SmtpTlsMode.StartTls;
        settings.UserName = "apikey";
        settings.Password = "SG.secret-password";
        var notifier = new SmtpApprovalNotifier(_signer, new ApprovalMailComposer(settings, Mail()), new SmtpMailSender(settings), Mail(), _clock);

        var error = await Assert.ThrowsAsync<MailDeliveryException>(() => notifier.RequestApprovalAsync(Request(["alice@example.com"]), CancellationToken.None));

        Assert.Contains($"127.0.0.1:{settings.Port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("connect", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SG.secret-password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_over_a_plain_connection_are_refused()
    {
        var settings = Smtp();
        settings.UserName = "user";
        settings.Password = "pw";

        var error = Assert.Throws<ArgumentException>(settings.Validate);

        Assert.Contains("Smtp:TlsMode", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw", error.Message.Replace("Smtp:Password", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private SmtpApprovalNotifier Notifier()
    {
        var smtp = Smtp();
        return new SmtpApprovalNotifier(_signer, new ApprovalMailComposer(smtp, Mail()), new SmtpMailSender(smtp), Mail(), _clock);
    }

    private SmtpSettings Smtp() => new()
    {
        Host = "127.0.0.1",
        Port = _smtp.Port,
        TlsMode = SmtpTlsMode.None,
        FromAddress = "approvals@soakline.example",
        Timeout = TimeSpan.FromSeconds(10),
    };

    private static ApprovalMailSettings Mail() => new() { PublicBaseUrl = new Uri("https://soakline.example.com/") };

    private static ApprovalRequest Request(IReadOnlyList<string> approvers) => new(
        "release-42",
        new ReleaseSummary(
            new CommitRef(new RepositoryRef("acme", "shop"), "0123456789abcdef0123456789abcdef01234567", "main"),
            "production",
            "Carol",
            "Fix <script>alert(1)</script> in checkout",
            ["api", "web"],
            ["api/Program.cs", "web/site.css"],
            "staging healthy on 2 hosts",
            "E2E: 48 passed"),
        approvers,
        Now.AddHours(4),
        Expedited: false);

    private static (string Approve, string Reject) Links(string? body)
    {
        var links = LinkPattern().Matches(body ?? "").Select(m => System.Net.WebUtility.HtmlDecode(m.Value)).Distinct().ToList();
        Assert.Equal(2, links.Count);
        return (links[0], links[1]);
    }

    private static string Token(string link) => Uri.UnescapeDataString(new Uri(link).Segments[^1]);

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"https://soakline\.example\.com/approvals/[A-Za-z0-9_\-.%]+")]
    private static partial Regex LinkPattern();
}
