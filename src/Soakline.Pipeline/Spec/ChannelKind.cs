using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Spec;

public enum ChannelKind
{
    Slack,
    Teams,
    Discord,
}
