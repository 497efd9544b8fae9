namespace Soakline.Integrations.Traffic.Nginx;

/// <summary>Where the load balancer runs and which file Soakline owns there.</summary>
public sealed class NginxRouterOptions
{
    /// <summary>The host (by its name in the deploy target's host settings) that runs nginx.</summary>
    public string NginxHost { get; set; } = "";

    /// <summary>The file Soakline writes: one <c>upstream</c> block, included from the http context of nginx.conf.</summary>
    public string UpstreamFile { get; set; } = "";

    /// <summary>Name of the upstream block, used by the site's <c>proxy_pass http://NAME</c>.</summary>
    public string UpstreamName { get; set; } = "";

    /// <summary>Port the application instances listen on; each backend is <c>host address:port</c>.</summary>
    public int BackendPort { get; set; }

    public string NginxBinary { get; set; } = "nginx";

    /// <summary>Passed as <c>-c</c> when set (a non-default nginx.conf).</summary>
    public string? ConfigFile { get; set; }

    /// <summary>Passed as <c>-p</c> when set (a non-default prefix).</summary>
    public string? PrefixDirectory { get; set; }

    /// <summary>Run nginx through <c>sudo -n</c> (the SSH user may test and reload nginx via sudoers, nothing else).</summary>
    public bool UseSudo { get; set; }
}
