using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Soakline.Functions.Hosting;

/// <summary>
/// Turns what escapes an endpoint into problem details. Minimal APIs throw <see cref="BadHttpRequestException"/> for
/// input they cannot bind (RouteHandlerOptions.ThrowOnBadRequest is on), whose message names the parameter in
/// framework terms ("Failed to bind parameter "int? limit" from "abc"."): that becomes a 4xx naming the field, as the
/// endpoints' own checks do. Anything else is a 500 that says only that the request failed and which trace id to
/// look for; the exception goes to the log, never to the caller.
/// </summary>
internal sealed partial class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        ProblemDetails problem;
        if (exception is BadHttpRequestException bad)
        {
            problem = Describe(bad);
        }
        else
        {
            // The endpoint's display name is its route template: no ids, tokens or query strings in the log.
            var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.DisplayName ?? "(no endpoint)";
            logger.LogError(exception, "{Endpoint} failed", endpoint);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Detail = "the request failed inside Soakline; the app's log has the error under this traceId",
            };
        }

        await TypedResults.Problem(problem).ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>The problem for a request the framework could not bind; public for the tests of each message shape.</summary>
    public static ProblemDetails Describe(BadHttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var parameter = ParameterPattern().Match(exception.Message);
        if (!parameter.Success)
        {
            return new ProblemDetails { Status = exception.StatusCode, Detail = exception.Message };
        }

        var (type, name) = (parameter.Groups["type"].Value, parameter.Groups["name"].Value);
        var (field, message) = exception.InnerException switch
        {
            JsonException json => FromJson(name, json),
            _ when FromPattern().Match(exception.Message) is { Success: true } from => (name, $"'{from.Groups["value"].Value}' is not {Noun(type)}"),
            _ when exception.Message.StartsWith("Required parameter", StringComparison.Ordinal) => (name, "required"),
            _ => (name, exception.Message),
        };

        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = exception.StatusCode,
            Detail = $"{field}: {message}",
        };
    }

    /// <summary>A body that is not JSON (the parameter) or has a field of the wrong type (that field, from the path).</summary>
    private static (string Field, string Message) FromJson(string parameter, JsonException json)
    {
        var text = json.Message;
        var cut = text.IndexOf(" Path: ", StringComparison.Ordinal);
        text = (cut >= 0 ? text[..cut] : text).TrimEnd('.');
        var where = json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine})" : string.Empty;
        // A value of the wrong type has no inner exception (or a conversion one); broken syntax wraps the reader's.
        var wrongValue = json.InnerException is null or FormatException or InvalidOperationException or OverflowException;
        var path = wrongValue && json.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : null;
        return path is null
            ? (parameter, $"the body is not the JSON object this endpoint reads: {text}{where}")
            : (path, $"{text}{where}");
    }

    private static string Noun(string type)
    {
        var bare = type.TrimEnd('?');
        bare = bare.StartsWith("Nullable<", StringComparison.Ordinal) ? bare["Nullable<".Length..^1] : bare;
        return bare switch
        {
            "int" or "long" or "short" or "Int32" or "Int64" or "Int16" => "a whole number",
            "bool" or "Boolean" => "true or false",
            "Guid" => "a GUID",
            "DateTimeOffset" or "DateTime" => "a date and time",
            var other => $"a valid {other}",
        };
    }

    [GeneratedRegex("parameter \"(?<type>[^\"]+) (?<name>[^\" ]+)\"")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex("\" from \"(?<value>.*)\"\\.$")]
    private static partial Regex FromPattern();
}
