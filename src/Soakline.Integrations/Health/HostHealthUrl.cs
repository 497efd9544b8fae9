namespace Soakline.Integrations.Health;

/// <summary>Turns a component's health URL into the URL of one host's instance.</summary>
/// <remarks>
/// A spec names one health URL per component, but each host serves its own instance: the URL's host part is
/// replaced by the host's address and the scheme, port, path and query are kept.
/// </remarks>
internal static class HostHealthUrl
{
    public static Uri For(Uri url, string hostAddress)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrWhiteSpace(hostAddress);
        return new UriBuilder(url) { Host = hostAddress }.Uri;
    }
}
