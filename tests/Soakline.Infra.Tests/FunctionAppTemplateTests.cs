using Soakline.Infra.Tests.Templates;

namespace Soakline.Infra.Tests;

/// <summary>The Function App and its plan, read from the compiled main.bicep.</summary>
[Collection(CompiledMainTemplateCollection.Name)]
public sealed class FunctionAppTemplateTests(CompiledMainTemplate compiled)
{
    private TemplateResource Site => compiled.Template.Single("Microsoft.Web/sites");

    [Fact]
    public void The_plan_is_flex_consumption_on_linux()
    {
        var plan = compiled.Template.Single("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", (string?)plan.At("sku.name"));
        Assert.Equal("FlexConsumption", (string?)plan.At("sku.tier"));
        Assert.True((bool?)plan.At("properties.reserved"), "reserved: true is what makes a plan Linux.");
        Assert.Equal("functionapp,linux", (string?)Site.At("kind"));
    }

    [Fact]
    public void The_app_runs_the_dotnet_10_isolated_worker_stack()
    {
        // The name and version the Flex Consumption runtime catalog lists for .NET 10 isolated.
        Assert.Equal("dotnet-isolated", (string?)Site.At("properties.functionAppConfig.runtime.name"));
        Assert.Equal("10.0", (string?)Site.At("properties.functionAppConfig.runtime.version"));
        Assert.Equal("[parameters('instanceMemoryMB')]", (string?)Site.At("properties.functionAppConfig.scaleAndConcurrency.instanceMemoryMB"));
        Assert.Equal("[parameters('maximumInstanceCount')]", (string?)Site.At("properties.functionAppConfig.scaleAndConcurrency.maximumInstanceCount"));
        Assert.Equal(
            "[parameters('httpPerInstanceConcurrency')]",
            (string?)Site.At("properties.functionAppConfig.scaleAndConcurrency.triggers.http.perInstanceConcurrency"));
    }

    [Fact]
    public void The_app_runs_as_its_user_assigned_identity_only()
    {
        Assert.Equal("UserAssigned", (string?)Site.At("identity.type"));
        Assert.Equal(["[format('{0}', parameters('identityResourceId'))]"], Site.At("identity.userAssignedIdentities")!.AsObject().Select(pair => pair.Key));
    }

    [Fact]
    public void The_package_is_pulled_and_key_vault_references_resolved_with_the_user_assigned_identity()
    {
        Assert.Equal("blobContainer", (string?)Site.At("properties.functionAppConfig.deployment.storage.type"));
        Assert.Equal("UserAssignedIdentity", (string?)Site.At("properties.functionAppConfig.deployment.storage.authentication.type"));
        Assert.Equal("[parameters('identityResourceId')]", (string?)Site.At("properties.functionAppConfig.deployment.storage.authentication.userAssignedIdentityResourceId"));
        Assert.Equal("[parameters('identityResourceId')]", (string?)Site.At("properties.keyVaultReferenceIdentity"));
    }

    [Fact]
    public void The_app_serves_https_only_with_tls_1_2_at_least_and_no_ftp()
    {
        Assert.True((bool?)Site.At("properties.httpsOnly"), "httpsOnly must be true.");
        Assert.Equal("1.2", (string?)Site.At("properties.siteConfig.minTlsVersion"));
        Assert.Equal("1.2", (string?)Site.At("properties.siteConfig.scmMinTlsVersion"));
        Assert.Equal("Disabled", (string?)Site.At("properties.siteConfig.ftpsState"));
    }

    [Fact]
    public void Publishing_with_ftp_or_scm_passwords_is_disabled()
    {
        var policies = compiled.Template.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        Assert.Equal(2, policies.Count);
        Assert.Contains(policies, p => ((string?)p.At("name"))!.EndsWith("'ftp')]", StringComparison.Ordinal));
        Assert.Contains(policies, p => ((string?)p.At("name"))!.EndsWith("'scm')]", StringComparison.Ordinal));
        Assert.All(policies, p => Assert.False((bool?)p.At("properties.allow")));
    }
}
