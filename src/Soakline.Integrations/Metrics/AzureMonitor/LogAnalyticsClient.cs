using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Soakline.Integrations.Metrics.AzureMonitor;

/// <summary>
/// Runs KQL through the Log Analytics query REST API (<c>POST {endpoint}/v1/workspaces/{id}/query</c>) on an Azure.Core
/// pipeline: bearer tokens from a <see cref="TokenCredential"/> (DefaultAzureCredential in production: managed identity
/// on Azure), throttling and 5xx retries from the SDK's own retry policy (<see cref="ClientOptions.Retry"/>, which honours
/// <c>Retry-After</c>), with a wait longer than <see cref="LogAnalyticsSettings.MaxRetryWait"/> not waited
/// (<see cref="LogAnalyticsResponseClassifier"/>).
/// </summary>
internal sealed class LogAnalyticsClient
{
    private readonly LogAnalyticsSettings _settings;
    private readonly HttpPipeline _pipeline;

    public LogAnalyticsClient(LogAnalyticsSettings settings, TokenCredential credential, HttpPipelineTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(credential);
        settings.Validate();
        _settings = settings;
        var options = new LogAnalyticsClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = settings.MaxRetries;
        options.Retry.Delay = settings.RetryDelay;
        options.Retry.MaxDelay = settings.MaxRetryWait;
        options.Retry.NetworkTimeout = settings.Timeout;
        if (transport is not null)
        {
            options.Transport = transport;
        }

        _pipeline = HttpPipelineBuilder.Build(new HttpPipelineOptions(options)
        {
            PerRetryPolicies = { new BearerTokenAuthenticationPolicy(credential, settings.EffectiveScope) },
            ResponseClassifier = new LogAnalyticsResponseClassifier(settings.MaxRetryWait),
        });
    }

    public async Task<LogAnalyticsTable> QueryAsync(string kql, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kql);
        using var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(new Uri(_settings.Endpoint, $"/v1/workspaces/{Uri.EscapeDataString(_settings.WorkspaceId)}/query"));
        request.Headers.Add("Content-Type", "application/json");
        request.Headers.Add("Accept", "application/json");
        request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["query"] = kql,
            ["timespan"] = $"{Iso(start)}/{Iso(end)}",
        }));

        try
        {
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            throw new MetricsQueryException($"Log Analytics could not be reached at {_settings.Endpoint.Host}: {ex.Message}", ex);
        }

        var response = message.Response;
        if (response.Status != 200)
        {
            throw new MetricsQueryException(
                $"Log Analytics refused the query on workspace {_settings.WorkspaceId} ({response.Status}): {LogAnalyticsResponseReader.DescribeError(response.Content)}{Hint(response.Status)}");
        }

        return LogAnalyticsResponseReader.ReadPrimaryTable(response.Content);
    }

    private static string Hint(int status) => status switch
    {
        401 => ". The token was not accepted: check the identity's tenant and the token audience (AzureMonitor:Scope).",
        403 => ". The identity needs read access to the workspace, e.g. the 'Log Analytics Reader' role.",
        404 => ". Check AzureMonitor:WorkspaceId (the workspace GUID, not its name).",
        429 => ". Throttled beyond the retry budget; lower the analysis frequency.",
        _ => "",
    };

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed class LogAnalyticsClientOptions : ClientOptions
    {
    }
}
