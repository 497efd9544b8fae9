using System.Text;
using Azure.Data.Tables;

namespace Soakline.Durable.AzureStorage.Payloads;

/// <summary>
/// A table property that holds JSON inline (UTF-8 bytes in <c>{name}</c>) or, above the inline limit, the name of
/// the blob that holds it (<c>{name}Blob</c>). Table properties top out at 64 KB, so nothing larger is kept inline.
/// </summary>
internal static class SpilledProperty
{
    public static async Task WriteAsync(TableEntity entity, string name, string text, LargeTextStore store, string instanceId, CancellationToken cancellationToken)
    {
        if (store.FitsInline(text))
        {
            entity[name] = Encoding.UTF8.GetBytes(text);
        }
        else
        {
            entity[name + "Blob"] = await store.UploadAsync(instanceId, name.ToLowerInvariant(), text, cancellationToken);
        }
    }

    public static async Task<string?> ReadAsync(TableEntity entity, string name, LargeTextStore store, CancellationToken cancellationToken)
    {
        if (entity.GetBinary(name) is { } bytes)
        {
            return Encoding.UTF8.GetString(bytes);
        }

        if (entity.GetString(name + "Blob") is { } blobName)
        {
            return await store.DownloadAsync(blobName, cancellationToken)
                ?? throw new InvalidOperationException($"Row {entity.PartitionKey}/{entity.RowKey} references blob '{blobName}', which is missing.");
        }

        return null;
    }
}
