using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Octokit;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.GitHub;

/// <summary>
/// Runs one GitHub call: retries rate limits and 5xx after the delay GitHub states (bounded in count and length, waited
/// on the injected <see cref="TimeProvider"/> so tests do not sleep), and translates what is left into
/// <see cref="SourceControlException"/>.
/// </summary>
public sealed class GitHubCallExecutor(GitHubSettings settings, TimeProvider timeProvider, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public async Task<T> RunAsync<T>(GitHubOperation operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(call);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (ApiException ex)
            {
                var decision = GitHubRetryDelay.Classify(ex, attempt, timeProvider.GetUtcNow());
                if (!decision.Retry)
                {
                    throw GitHubErrorTranslator.Translate(ex, operation);
                }

                if (attempt > settings.MaxRetries || decision.Delay > settings.MaxRetryWait)
                {
                    throw GitHubErrorTranslator.RateLimitExhausted(operation, decision, attempt);
                }

                await WaitBeforeRetryAsync(operation, decision, attempt, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // The network, not GitHub, failed (refused, reset, DNS, timeout): as transient as a 502.
                var decision = new RetryDecision(true, TimeSpan.FromSeconds(Math.Pow(2, attempt)), "network error");
                if (attempt > settings.MaxRetries)
                {
                    throw new SourceControlException(
                        $"GitHub could not be reached to {operation.Description} on {operation.Repository} after {attempt} attempt(s): {ex.Message}. Check GitHub:BaseUrl and the network.", ex);
                }

                await WaitBeforeRetryAsync(operation, decision, attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private Task WaitBeforeRetryAsync(GitHubOperation operation, RetryDecision decision, int attempt, CancellationToken cancellationToken)
    {
        _logger.LogWarning("GitHub {Operation} on {Repository}: {Reason}; retrying in {Delay} (attempt {Attempt})",
            operation.Description, operation.Repository, decision.Reason, decision.Delay, attempt);
        return Task.Delay(decision.Delay, timeProvider, cancellationToken);
    }

    public Task RunAsync(GitHubOperation operation, Func<Task> call, CancellationToken cancellationToken) =>
        RunAsync(operation, async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        }, cancellationToken);
}
