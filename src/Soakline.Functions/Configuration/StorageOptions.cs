namespace Soakline.Functions.Configuration;

/// <summary>Where the app's tables and the engine's storage are (<c>Soakline__Storage__*</c>): one of the two, or neither.</summary>
internal sealed class StorageOptions
{
    public string? ConnectionString { get; set; }

    public string? AccountName { get; set; }
}
