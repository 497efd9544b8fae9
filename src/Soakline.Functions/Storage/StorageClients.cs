using Azure.Data.Tables;
using Azure.Identity;
using Soakline.Functions.Configuration;

using Soakline.Integrations.Storage;

namespace Soakline.Functions.Storage;

/// <summary>Table clients for the configured storage: a connection string (Azurite, keys) or an account with managed identity.</summary>
internal static class StorageClients
{
    public static bool IsConfigured(AppSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.StorageConnectionString is not null || settings.StorageAccountName is not null;
    }

    public static TableServiceClient Tables(AppSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.StorageConnectionString is { } connection
            ? new TableServiceClient(connection)
            : new TableServiceClient(new Uri($"https://{settings.StorageAccountName}.table.core.windows.net"), new DefaultAzureCredential());
    }
}
