using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Octokit;
using Polly;
using Polly.Retry;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.GitHub;

/// <summary>
/// Runs one GitHub call through a Polly retry pipeline: rate limits are retried after the wait GitHub states
/// (<see cref="GitHubRetryDelay"/> reads <c>Retry-After</c> and <c>x-ratelimit-*</c>), 5xx and network failures after an
/// exponential back-off (2 s, 4 s, ...). Waits run on the injected <see cref="TimeProvider"/> (the pipeline's clock),
/// so tests do not sleep. What is left is translated into a <see cref="SourceControlException"/> naming the call.
/// </summary>
public sealed class GitHubCallExecutor
{
    /// <summary>The first back-off after a 5xx or a network failure; it doubles on every further attempt.</summary>
    internal static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(2);

    private static readonly ResiliencePropertyKey<GitHubOperation> OperationKey = new("soakline.github.operation");

    private readonly GitHubSettings _settings;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;

    /// <summary>Builds the retry pipeline from <paramref name="settings"/>; Polly validates its options here, up front.</summary>
    public GitHubCallExecutor(GitHubSettings settings, TimeProvider timeProvider, ILogger? logger = null)
    {
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? NullLogger.Instance;
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _settings.Validate();
        _pipeline = BuildPipeline();
    }

    public async Task<T> RunAsync<T>(GitHubOperation operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(call);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(OperationKey, operation);
        var attempts = 0;
        try
        {
            return await _pipeline.ExecuteAsync(
                async _ =>
                {
                    attempts++;
                    return await call().ConfigureAwait(false);
                },
                context).ConfigureAwait(false);
        }
        catch (ApiException ex)
        {
            // Polly gave the failure back: either GitHub's answer is not worth retrying, or the retries (or the
            // longest wait we accept) ran out.
            var decision = GitHubRetryDelay.Classify(ex, attempts, _timeProvider.GetUtcNow());
            throw decision.Retry
                ? GitHubErrorTranslator.RateLimitExhausted(operation, decision, attempts)
                : GitHubErrorTranslator.Translate(ex, operation);
        }
        catch (Exception ex) when (IsNetworkFailure(ex, cancellationToken))
        {
            throw new SourceControlException(
                $"GitHub could not be reached to {operation.Description} on {operation.Repository} after {attempts} attempt(s): {ex.Message}. Check GitHub:BaseUrl and the network.", ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public Task RunAsync(GitHubOperation operation, Func<Task> call, CancellationToken cancellationToken) =>
        RunAsync(operation, async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private ResiliencePipeline BuildPipeline()
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = _timeProvider };
        if (_settings.MaxRetries > 0)
        {
            // MaxRetries = 0 means "no retries"; Polly's retry strategy requires at least one, so it is left out.
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = FirstBackoff,
                UseJitter = false,
                MaxDelay = _settings.MaxRetryWait,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception, args.AttemptNumber + 1, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult(StatedDelay(args.Outcome.Exception, args.AttemptNumber + 1)),
                OnRetry = args =>
                {
                    var operation = args.Context.Properties.GetValue(OperationKey, new GitHubOperation("call GitHub", "?", "?"));
                    _logger.LogWarning("GitHub {Operation} on {Repository}: {Reason}; retrying in {Delay} (attempt {Attempt})",
                        operation.Description, operation.Repository, Describe(args.Outcome.Exception), args.RetryDelay, args.AttemptNumber + 1);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.Build();
    }

    private bool ShouldRetry(Exception? failure, int attempt, CancellationToken cancellationToken) => failure switch
    {
        // A wait GitHub states that is longer than we accept fails the call at once instead of stalling the activity.
        ApiException api => GitHubRetryDelay.Classify(api, attempt, _timeProvider.GetUtcNow()) is { Retry: true } decision
            && (decision.Delay is null || decision.Delay <= _settings.MaxRetryWait),
        _ => failure is not null && IsNetworkFailure(failure, cancellationToken),
    };

    /// <summary>The wait GitHub asked for, or null for Polly's exponential back-off.</summary>
    private TimeSpan? StatedDelay(Exception? failure, int attempt) =>
        failure is ApiException api ? GitHubRetryDelay.Classify(api, attempt, _timeProvider.GetUtcNow()).Delay : null;

    private string Describe(Exception? failure) =>
        failure is ApiException api ? GitHubRetryDelay.Classify(api, 1, _timeProvider.GetUtcNow()).Reason : "network error";

    /// <summary>The network, not GitHub, failed (refused, reset, DNS, timeout): as transient as a 502.</summary>
    private static bool IsNetworkFailure(Exception failure, CancellationToken cancellationToken) =>
        failure is HttpRequestException || (failure is TaskCanceledException && !cancellationToken.IsCancellationRequested);
}
