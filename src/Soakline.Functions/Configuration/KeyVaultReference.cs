namespace Soakline.Functions.Configuration;

/// <summary>
/// App Service (and Azure Functions) replace an app setting of the form <c>@Microsoft.KeyVault(...)</c> with the secret
/// it points at. When it cannot (the secret does not exist, or the app's identity may not read it), the app receives the
/// reference text itself: that text is never a usable value.
/// </summary>
internal static class KeyVaultReference
{
    private const string Prefix = "@Microsoft.KeyVault(";

    /// <summary>True when the value is a Key Vault reference the platform left unresolved.</summary>
    public static bool IsUnresolved(string? value) =>
        value is not null && value.AsSpan().TrimStart().StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);
}
