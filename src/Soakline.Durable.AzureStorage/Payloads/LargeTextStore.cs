using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Soakline.Durable.AzureStorage.Payloads;

/// <summary>
/// Keeps a text inline when it is small, and in a blob when it is not. Blobs are named under the instance id
/// (<c>{instanceId}/{kind}-{guid}</c>) and written before the row or message that references them, so a reference
/// never dangles; an orphan from a failed commit is removed when the instance is purged.
/// </summary>
internal sealed class LargeTextStore
{
    private readonly BlobContainerClient _container;
    private readonly int _inlineLimitBytes;

    public LargeTextStore(BlobContainerClient container, int inlineLimitBytes)
    {
        _container = container;
        _inlineLimitBytes = inlineLimitBytes;
    }

    public bool FitsInline(string text) => Encoding.UTF8.GetByteCount(text) <= _inlineLimitBytes;

    /// <summary>Stores <paramref name="text"/> in a new blob and returns its name.</summary>
    public async Task<string> UploadAsync(string instanceId, string kind, string text, CancellationToken cancellationToken)
    {
        var name = $"{instanceId}/{kind}-{Guid.NewGuid():N}";
        await _container.GetBlobClient(name).UploadAsync(BinaryData.FromString(text), overwrite: false, cancellationToken);
        return name;
    }

    /// <summary>Reads a blob written by <see cref="UploadAsync"/>; null when it no longer exists (its instance was purged).</summary>
    public async Task<string?> DownloadAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var content = await _container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task DeleteInstanceBlobsAsync(string instanceId, CancellationToken cancellationToken)
    {
        await foreach (var blob in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, instanceId + "/", cancellationToken))
        {
            await _container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
        }
    }
}
