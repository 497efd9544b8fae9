using Soakline.Infra.Tests.Templates;

namespace Soakline.Infra.Tests;

/// <summary>The Key Vault and the secret parameters, read from the compiled main.bicep.</summary>
[Collection(CompiledMainTemplateCollection.Name)]
public sealed class KeyVaultTemplateTests(CompiledMainTemplate compiled)
{
    public static TheoryData<string> SecretParameters => new(
        "gitHubWebhookSecret", "gitHubPrivateKey", "gitHubToken", "sshPrivateKey", "approvalsSigningKey", "smtpPassword", "apiKeys");

    [Fact]
    public void The_vault_authorizes_with_rbac_and_has_no_access_policies()
    {
        var vault = compiled.Template.Single("Microsoft.KeyVault/vaults");

        Assert.True((bool?)vault.At("properties.enableRbacAuthorization"));
        Assert.Null(vault.At("properties.accessPolicies"));
        Assert.True((bool?)vault.At("properties.enableSoftDelete"));
    }

    [Theory]
    [MemberData(nameof(SecretParameters))]
    public void Secret_parameters_are_secure_and_may_be_left_empty(string parameter)
    {
        var declaration = compiled.Template.Root["parameters"]?[parameter];

        Assert.NotNull(declaration);
        Assert.Equal("securestring", (string?)declaration["type"], ignoreCase: true);
        Assert.Equal("", (string?)declaration["defaultValue"]);
    }

    [Fact]
    public void A_secret_is_written_only_when_a_value_is_supplied()
    {
        var secrets = compiled.Template.Single("Microsoft.KeyVault/vaults/secrets");

        Assert.StartsWith("[not(empty(", (string?)secrets.At("condition"), StringComparison.Ordinal);
    }
}
