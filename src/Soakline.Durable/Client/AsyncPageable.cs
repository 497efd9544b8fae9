using System.Runtime.CompilerServices;

namespace Soakline.Durable;

/// <summary>Results fetched page by page: enumerate the items, or walk the pages with <see cref="AsPages"/>.</summary>
public abstract class AsyncPageable<T> : IAsyncEnumerable<T>
    where T : notnull
{
    public abstract IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null);

    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in AsPages().WithCancellation(cancellationToken))
        {
            foreach (var value in page.Values)
            {
                yield return value;
            }
        }
    }

    /// <summary>Builds a pageable from a function that fetches one page given a continuation token and page size.</summary>
    public static AsyncPageable<T> Create(Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPage)
    {
        ArgumentNullException.ThrowIfNull(fetchPage);
        return new FuncAsyncPageable(fetchPage);
    }

    private sealed class FuncAsyncPageable(Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPage) : AsyncPageable<T>
    {
        public override IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null) =>
            Walk(continuationToken, pageSizeHint, CancellationToken.None);

        private async IAsyncEnumerable<Page<T>> Walk(string? token, int? pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            do
            {
                var page = await fetchPage(token, pageSize, cancellationToken);
                yield return page;
                token = page.ContinuationToken;
            }
            while (token is not null);
        }
    }
}
