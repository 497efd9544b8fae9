using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Soakline.Functions.Tests.Infrastructure;

/// <summary>Reads an error answer, checking it is RFC 9457 problem details with the response's own status.</summary>
internal static class Problems
{
    public static async Task<HttpValidationProblemDetails> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!;
        Assert.Equal((int)response.StatusCode, problem.Status);
        Assert.False(string.IsNullOrEmpty(problem.Title), "a problem has a title");
        Assert.False(string.IsNullOrEmpty(problem.Type), "a problem has a type");
        return problem;
    }

    /// <summary>The detail of a problem that names <paramref name="field"/> under <c>errors</c> and in its detail.</summary>
    public static async Task<string> FieldAsync(HttpResponseMessage response, string field)
    {
        var problem = await ReadAsync(response);
        Assert.True(problem.Errors.ContainsKey(field), $"errors names {field}: {string.Join(", ", problem.Errors.Keys)}");
        Assert.StartsWith(field + ":", problem.Detail, StringComparison.Ordinal);
        return problem.Detail!;
    }
}
