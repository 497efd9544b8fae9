using System.Collections;
using Microsoft.AspNetCore.Http;
using Soakline.Pipeline.Logging;

namespace Soakline.Functions.Observability;

/// <summary>
/// The log scope of a request: its id, method and route template (<c>RequestRoute</c>), never its path or query.
/// Begun before routing and read when something logs, so the route is the matched one by then.
/// </summary>
internal sealed class RequestLogScope(HttpContext context) : IReadOnlyList<KeyValuePair<string, object>>
{
    public int Count => 3;

    public KeyValuePair<string, object> this[int index] => index switch
    {
        0 => new("RequestId", context.TraceIdentifier),
        1 => new("RequestMethod", context.Request.Method),
        2 => new("RequestRoute", HttpSpanEnricher.SafePath(context)),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => KeyValueScope.Render(this.Select(field => new KeyValuePair<string, object?>(field.Key, field.Value)));
}
