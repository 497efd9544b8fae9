using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Soakline.Integrations.Approvals;
using Soakline.Integrations.Notifications.Chat;
using Soakline.Integrations.Notifications.Mail;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>Registers approval mail as <see cref="IApprovalNotifier"/>; needs <see cref="ApprovalsServiceCollectionExtensions.AddSoaklineApprovalTokens"/>.</summary>
    public static IServiceCollection AddSoaklineApprovalMail(this IServiceCollection services, SmtpSettings smtp, ApprovalMailSettings mail)
    {
        ArgumentNullException.ThrowIfNull(smtp);
        ArgumentNullException.ThrowIfNull(mail);
        smtp.Validate();
        mail.Validate();
        services.AddSingleton(new SmtpMailSender(smtp));
        services.AddSingleton(new ApprovalMailComposer(smtp, mail));
        services.AddSingleton<IApprovalNotifier>(sp => new SmtpApprovalNotifier(
            sp.GetRequiredService<ApprovalTokenSigner>(),
            sp.GetRequiredService<ApprovalMailComposer>(),
            sp.GetRequiredService<SmtpMailSender>(),
            mail,
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }

    /// <summary>
    /// Registers chat as the <see cref="INotifier"/>: the spec's channels when a notification names them (webhook URLs
    /// resolved through the registered <see cref="ISecretResolver"/>), else these settings routes; with neither, the
    /// notification is dropped.
    /// </summary>
    public static IServiceCollection AddSoaklineChat(this IServiceCollection services, IReadOnlyList<ChatRouteSettings> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        foreach (var route in routes)
        {
            route.Validate();
        }

        services.AddHttpClient(nameof(WebhookPoster));
        services.AddSingleton<INotifier>(sp =>
        {
            var poster = new WebhookPoster(sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(WebhookPoster)), sp.GetService<TimeProvider>() ?? TimeProvider.System);
            var settingsRoutes = new SeverityRoutingNotifier(
                routes.Select(r => new ChatRoute(r.Name, r.MinimumSeverity, CreateChannel(r, poster))).ToList(),
                sp.GetService<ILogger<SeverityRoutingNotifier>>());
            return sp.GetService<ISecretResolver>() is { } secrets
                ? new SpecChannelNotifier(secrets, poster, settingsRoutes, sp.GetService<ILogger<SpecChannelNotifier>>())
                : settingsRoutes;
        });
        return services;
    }

    private static INotifier CreateChannel(ChatRouteSettings route, WebhookPoster poster) => route.Platform switch
    {
        ChatPlatform.Slack => new SlackWebhookNotifier(route.WebhookUrl!, poster),
        ChatPlatform.Teams => new TeamsWebhookNotifier(route.WebhookUrl!, poster),
        ChatPlatform.Discord => new DiscordWebhookNotifier(route.WebhookUrl!, poster),
        _ => throw new ArgumentOutOfRangeException(nameof(route), route.Platform, "Unknown chat platform."),
    };
}
