using NCrontab;

namespace Soakline.Pipeline.Spec;

public enum MonitoringWindow
{
    BusinessHours,
    OffHours,
}
