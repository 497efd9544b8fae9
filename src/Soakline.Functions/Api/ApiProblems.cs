using Microsoft.AspNetCore.Http;

namespace Soakline.Functions.Api;

/// <summary>
/// The app's error answers as RFC 9457 problem details, written by ASP.NET Core's problem details service (so the
/// trace id and the default type and title per status come with them). <c>detail</c> is the sentence a person reads;
/// a bad input also appears under <c>errors</c>, keyed by the field a client would fix.
/// </summary>
internal static class ApiProblems
{
    /// <summary>400 for one bad field: <c>detail</c> is "<paramref name="field"/>: <paramref name="message"/>".</summary>
    public static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] },
            detail: $"{field}: {message}");

    /// <summary>Any other error status, the sentence as <c>detail</c>.</summary>
    public static IResult Status(int statusCode, string detail) => TypedResults.Problem(detail: detail, statusCode: statusCode);

    /// <summary>404 for a pipeline id nothing is known about.</summary>
    public static IResult NoSuchPipeline(string id) => Status(StatusCodes.Status404NotFound, $"pipeline '{id}' does not exist");
}
