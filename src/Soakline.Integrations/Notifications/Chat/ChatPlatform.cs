namespace Soakline.Integrations.Notifications.Chat;

public enum ChatPlatform
{
    Slack,
    Teams,
    Discord,
}
