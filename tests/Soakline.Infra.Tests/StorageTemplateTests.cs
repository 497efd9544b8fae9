using Soakline.Infra.Tests.Templates;

namespace Soakline.Infra.Tests;

/// <summary>The storage account, read from the compiled main.bicep.</summary>
[Collection(CompiledMainTemplateCollection.Name)]
public sealed class StorageTemplateTests(CompiledMainTemplate compiled)
{
    private TemplateResource Account => compiled.Template.Single("Microsoft.Storage/storageAccounts");

    [Fact]
    public void Storage_accepts_entra_identities_only()
    {
        Assert.False((bool?)Account.At("properties.allowSharedKeyAccess"));
        Assert.True((bool?)Account.At("properties.defaultToOAuthAuthentication"));
    }

    [Fact]
    public void Storage_requires_https_and_tls_1_2_and_allows_no_anonymous_blobs()
    {
        Assert.True((bool?)Account.At("properties.supportsHttpsTrafficOnly"));
        Assert.Equal("TLS1_2", (string?)Account.At("properties.minimumTlsVersion"));
        Assert.False((bool?)Account.At("properties.allowBlobPublicAccess"));
    }

    [Fact]
    public void The_deployment_container_is_private()
    {
        var container = compiled.Template.Single("Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.Equal("None", (string?)container.At("properties.publicAccess"));
    }
}
