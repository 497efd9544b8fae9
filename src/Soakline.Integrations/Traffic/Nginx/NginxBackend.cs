namespace Soakline.Integrations.Traffic.Nginx;

/// <summary>One application instance in the upstream block.</summary>
internal sealed record NginxBackend(string Host, string Address, int Port, bool IsCanary);
