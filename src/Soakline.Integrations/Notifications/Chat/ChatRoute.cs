using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Notifications.Chat;

/// <summary>Sends notifications of <see cref="MinimumSeverity"/> or worse to one channel.</summary>
internal sealed record ChatRoute(string Name, Severity MinimumSeverity, INotifier Channel);
