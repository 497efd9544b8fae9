using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Soakline.Functions.Observability;

/// <summary>
/// Keeps addresses that carry secrets out of the logs, in both hosting modes:
/// <list type="bullet">
/// <item>ASP.NET Core hosting puts the raw request path into every log line of a request (its <c>RequestPath</c>
/// scope) and logs the full address with its query string at Information. An approval link's path is its token and a
/// dashboard address may carry <c>?key=</c> or <c>?code=</c>, so that category is off entirely: hosting opens its scope
/// only while the category is enabled at all. <see cref="HttpSpanEnricher"/> opens a scope with the route template
/// instead.</item>
/// <item>IHttpClientFactory logs every outbound address at Information. Since .NET 9 it masks the query, but not the
/// path, and a chat webhook URL is a credential in its path (Slack, Discord). The app's clients log nothing of their
/// own; failures surface through the adapters' errors, which name the channel, never the URL.</item>
/// </list>
/// </summary>
internal static class SecretSafeLogging
{
    public const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static ILoggingBuilder AddSecretSafeLogging(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.AddFilter(HostingCategory, LogLevel.None);
        logging.Services.ConfigureHttpClientDefaults(client => client.RemoveAllLoggers());
        return logging;
    }
}
