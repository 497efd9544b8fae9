using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Observability;

namespace Soakline.Functions.CustomHandler;

/// <summary>
/// A queue-trigger invocation: hands the message text and its dequeue count to the engine's message handler. The
/// function folder's name says which queue it listens on (control or work).
/// </summary>
public sealed class QueueInvocationHandler(IServiceProvider services, ILogger<QueueInvocationHandler> logger)
{
    public const string ControlFunction = "ControlQueue";
    public const string WorkFunction = "WorkQueue";

    public async Task<InvocationResponse> HandleAsync(FunctionDefinition function, InvocationRequest invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(invocation);
        var text = InvocationValues.Text(InvocationValues.Get(invocation.Data, function.TriggerBinding))
            ?? throw new InvalidInvocationException($"Data.{function.TriggerBinding} (the queue message) is missing.");
        var dequeueCount = InvocationValues.Number(InvocationValues.Get(invocation.Metadata, "DequeueCount")) ?? 1;
        var messageId = InvocationValues.Text(InvocationValues.Get(invocation.Metadata, "Id"));
        var handler = services.GetService<ITaskHubMessageHandler>()
            ?? throw new InvalidOperationException("Queue triggers need the Azure Storage backend: set Soakline__Storage__AccountName or Soakline__Storage__ConnectionString.");

        var queue = function.Name.Equals(ControlFunction, StringComparison.OrdinalIgnoreCase) ? "control" : "work";
        using var activity = SoaklineTelemetry.Source.StartActivity($"engine {queue} message", ActivityKind.Consumer);
        activity?.SetTag("messaging.message.id", messageId).SetTag("messaging.delivery_count", dequeueCount);
        var started = Stopwatch.GetTimestamp();
        var outcome = "done";
        try
        {
            if (queue == "control")
            {
                await handler.HandleControlMessageAsync(text, dequeueCount, cancellationToken);
            }
            else
            {
                await handler.HandleWorkMessageAsync(text, dequeueCount, cancellationToken);
            }
        }
        catch (Exception ex)
        {
            outcome = "retry";
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            logger.LogWarning(ex, "Engine {Queue} message {MessageId} (dequeue {DequeueCount}) failed; the host will offer it again", queue, messageId, dequeueCount);
            throw;
        }
        finally
        {
            var tags = new TagList { { "queue", queue }, { "outcome", outcome } };
            SoaklineTelemetry.QueueMessagesHandled.Add(1, tags);
            SoaklineTelemetry.QueueMessageDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
        }

        return new InvocationResponse([], [$"{queue} message {messageId} handled (dequeue {dequeueCount})"], outcome);
    }
}
