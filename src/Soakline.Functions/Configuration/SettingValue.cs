namespace Soakline.Functions.Configuration;

/// <summary>
/// How every validator reads a bound value: blank counts as unset, surrounding spaces are dropped, and a Key Vault
/// reference the platform left unresolved is absent (its text is never a usable value).
/// </summary>
internal static class SettingValue
{
    private static readonly HashSet<string> AlwaysRequired = new(
        [SettingNames.TaskHub, SettingNames.WebhookSecret, SettingNames.ApprovalSigningKey], StringComparer.OrdinalIgnoreCase);

    private const string WhatToCheck = "check that the secret exists in the vault and that the app's identity may read it (Key Vault Secrets User)";

    /// <summary>The usable value, or null when the setting is unset, blank or an unresolved Key Vault reference.</summary>
    public static string? Of(string? written) =>
        string.IsNullOrWhiteSpace(written) || KeyVaultReference.IsUnresolved(written) ? null : written.Trim();

    /// <summary>
    /// The settings that stop the start when absent in this mode. An unresolved Key Vault reference on one of them is a
    /// problem; on any other setting it is a warning (<see cref="UnresolvedWarning"/>).
    /// </summary>
    public static bool IsRequired(string name, HostingMode mode) =>
        AlwaysRequired.Contains(name) || (mode == HostingMode.Standalone && string.Equals(name, SettingNames.ApiKeys, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The value of a required setting, or null after adding the problem: missing, or a Key Vault reference that did not
    /// resolve (said as such, without the reference's text).
    /// </summary>
    public static string? Required(string name, string? written, string whatItIs, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (Of(written) is { } value)
        {
            return value;
        }

        problems.Add(KeyVaultReference.IsUnresolved(written)
            ? $"{name}: the Key Vault reference did not resolve and the setting is required ({whatItIs}); {WhatToCheck}."
            : $"{name} is missing: {whatItIs}.");
        return null;
    }

    /// <summary>The warning for an optional setting whose Key Vault reference did not resolve: it counts as absent.</summary>
    public static string UnresolvedWarning(string name) =>
        $"{name}: the Key Vault reference did not resolve, so the setting counts as absent; {WhatToCheck}.";
}
