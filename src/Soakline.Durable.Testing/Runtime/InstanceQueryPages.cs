using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Soakline.Durable.Testing.Runtime;

/// <summary>
/// Paging for backends that answer a query with the full, ordered list of matching instances: the continuation
/// token is the offset of the next page. Shared so every such backend issues and accepts the same tokens.
/// </summary>
public static class InstanceQueryPages
{
    public static Page<OrchestrationInstanceState> Slice(IReadOnlyList<OrchestrationInstanceState> matching, OrchestrationQuery query)
    {
        ArgumentNullException.ThrowIfNull(matching);
        ArgumentNullException.ThrowIfNull(query);
        var offset = OffsetOf(query.ContinuationToken);
        var page = matching.Skip(offset).Take(query.PageSize).ToList();
        var next = offset + page.Count < matching.Count ? (offset + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        return new Page<OrchestrationInstanceState>(page, next);
    }

    /// <summary>The offset a token stands for; a token this scheme did not issue is an error that names it.</summary>
    public static int OffsetOf(string? continuationToken)
    {
        if (continuationToken is null)
        {
            return 0;
        }

        return int.TryParse(continuationToken, NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? offset
            : throw new ArgumentException($"Continuation token '{continuationToken}' was not issued by this backend.", nameof(continuationToken));
    }
}
