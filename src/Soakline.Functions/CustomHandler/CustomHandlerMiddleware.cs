using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Configuration;

namespace Soakline.Functions.CustomHandler;

/// <summary>
/// Answers the Functions host's invocation requests, <c>POST /{functionName}</c> with <c>{"Data", "Metadata"}</c>, with
/// <c>{"Outputs", "Logs", "ReturnValue"}</c>. HTTP triggers run through the app's endpoints; queue and timer triggers
/// go to their handlers. A failed queue or timer invocation answers 500 so the host retries the message. Active only
/// when the host started the executable (custom-handler mode); standalone, these paths do not exist.
/// </summary>
public sealed class CustomHandlerMiddleware(RequestDelegate next, AppSettings settings, FunctionManifest manifest, TimerInvocationHandler timers, ILogger<CustomHandlerMiddleware> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (settings.Mode != HostingMode.CustomHandler || !HttpMethods.IsPost(context.Request.Method) || !TryGetFunction(context.Request.Path, out var function))
        {
            await next(context);
            return;
        }

        InvocationResponse response;
        try
        {
            var invocation = await JsonSerializer.DeserializeAsync<InvocationRequest>(context.Request.Body, Json, context.RequestAborted)
                ?? throw new InvalidInvocationException("The invocation body is empty.");
            response = function.Trigger switch
            {
                TriggerKind.Http => await HttpAsync(context, function, invocation),
                // The durable engine polls its own queues; no function delivers their messages any more.
                TriggerKind.Queue => throw new InvalidInvocationException($"{function.Name} is queue-triggered; no queue function is served."),
                _ => await timers.HandleAsync(function, invocation, context.RequestAborted),
            };
        }
        catch (Exception ex) when (ex is InvalidInvocationException or JsonException)
        {
            logger.LogError("Invocation of {Function} is malformed: {Reason}", function.Name, ex.Message);
            await WriteAsync(context, StatusCodes.Status400BadRequest, new InvocationResponse([], [$"malformed invocation: {ex.Message}"], null));
            return;
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(ex, "Invocation of {Function} failed", function.Name);
            await WriteAsync(context, StatusCodes.Status500InternalServerError, new InvocationResponse([], [$"{function.Name} failed: {ex.GetType().Name}"], null));
            return;
        }

        await WriteAsync(context, StatusCodes.Status200OK, response);
    }

    private async Task<InvocationResponse> HttpAsync(HttpContext context, FunctionDefinition function, InvocationRequest invocation)
    {
        var value = InvocationValues.Get(invocation.Data, function.TriggerBinding)
            ?? throw new InvalidInvocationException($"Data.{function.TriggerBinding} (the HTTP request) is missing.");
        var req = value.Deserialize<HttpTriggerRequest>(Json) ?? throw new InvalidInvocationException($"Data.{function.TriggerBinding} is not an HTTP request.");
        var output = await HttpInvocationRunner.RunAsync(context, function, req, next);
        var outputs = new Dictionary<string, object?> { [function.OutputBinding ?? "res"] = output };
        return new InvocationResponse(outputs, [$"{function.Name}: {req.Method} {output.StatusCode}"], null);
    }

    private bool TryGetFunction(PathString path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FunctionDefinition? function)
    {
        function = null;
        var value = path.Value;
        return value is { Length: > 1 } && value.IndexOf('/', 1) < 0 && manifest.TryGet(value[1..], out function);
    }

    private static async Task WriteAsync(HttpContext context, int status, InvocationResponse response)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, response, Json, context.RequestAborted);
    }
}
