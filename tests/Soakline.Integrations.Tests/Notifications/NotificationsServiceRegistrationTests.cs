using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Soakline.Integrations.Approvals;
using Soakline.Integrations.Notifications;
using Soakline.Integrations.Notifications.Chat;
using Soakline.Integrations.Notifications.Mail;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Tests.Notifications;

public sealed class NotificationsServiceRegistrationTests
{
    [Fact]
    public void Approval_mail_and_chat_resolve_with_an_in_memory_ledger_by_default()
    {
        using var provider = new ServiceCollection()
            .AddSoaklineApprovalTokens(new ApprovalTokenSettings { SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) })
            .AddSoaklineApprovalMail(
                new SmtpSettings { Host = "smtp.example.com", FromAddress = "soakline@example.com", UserName = "apikey", Password = "secret" },
                new ApprovalMailSettings { PublicBaseUrl = new Uri("https://soakline.example.com/") })
            .AddSoaklineChat([new ChatRouteSettings { Name = "ops", Platform = ChatPlatform.Teams, WebhookUrl = new Uri("https://example.webhook.office.com/x") }])
            .BuildServiceProvider();

        Assert.IsType<SmtpApprovalNotifier>(provider.GetRequiredService<IApprovalNotifier>());
        Assert.IsType<SeverityRoutingNotifier>(provider.GetRequiredService<INotifier>());
        Assert.IsType<InMemoryNonceLedger>(provider.GetRequiredService<INonceLedger>());
        Assert.NotNull(provider.GetRequiredService<ApprovalTokenRedeemer>());
    }

    [Fact]
    public void A_chat_route_without_an_https_webhook_is_refused_by_name()
    {
        var route = new ChatRouteSettings { Name = "oncall", Platform = ChatPlatform.Discord, WebhookUrl = new Uri("http://discord.example/api/webhooks/1/x") };

        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddSoaklineChat([route]));

        Assert.Contains("Chat:Routes:oncall:WebhookUrl", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("webhooks/1/x", error.Message, StringComparison.Ordinal);
    }
}
