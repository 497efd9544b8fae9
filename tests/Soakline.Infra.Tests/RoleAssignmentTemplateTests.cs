using Soakline.Infra.Tests.Templates;

namespace Soakline.Infra.Tests;

/// <summary>What the app's user-assigned identity (and the deployer) may do, and when, read from the compiled main.bicep.</summary>
[Collection(CompiledMainTemplateCollection.Name)]
public sealed class RoleAssignmentTemplateTests(CompiledMainTemplate compiled)
{
    private const string AppIdentity = "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName')), '2023-01-31').principalId]";

    // Built-in role definition ids (the same in every tenant) and the resource each grant is scoped to.
    private static readonly (string Role, string Guid, string ScopeType)[] AppRoleGrants =
    [
        ("Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Microsoft.Storage/storageAccounts"),
        ("Storage Blob Data Contributor", "ba92f5b4-2d11-453d-a403-e96b0029c9fe", "Microsoft.Storage/storageAccounts"),
        ("Storage Queue Data Contributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Microsoft.Storage/storageAccounts"),
        ("Storage Table Data Contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Microsoft.Storage/storageAccounts"),
        ("Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6", "Microsoft.KeyVault/vaults"),
        ("Log Analytics Reader", "73c42c96-874c-492b-b04d-ab87d138a893", "Microsoft.OperationalInsights/workspaces"),
    ];

    public static TheoryData<string, string, string> AppRoles
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var (role, guid, scopeType) in AppRoleGrants)
            {
                data.Add(role, guid, scopeType);
            }

            return data;
        }
    }

    private IReadOnlyList<TemplateResource> Assignments => compiled.Template.OfType("Microsoft.Authorization/roleAssignments");

    [Theory]
    [MemberData(nameof(AppRoles))]
    public void The_app_identity_holds_the_role_on_the_resource_it_needs(string role, string roleDefinitionGuid, string scopeType)
    {
        var grant = Assignments.SingleOrDefault(a => RoleOf(a) == roleDefinitionGuid && (string?)a.At("properties.principalId") == AppIdentity);

        Assert.True(grant is not null, $"No {role} assignment for the app's identity.");
        Assert.Equal($"[resourceId('{scopeType}', parameters('{ScopeParameter(scopeType)}'))]", (string?)grant.At("scope"));
        Assert.Equal("ServicePrincipal", (string?)grant.At("properties.principalType"));
        Assert.Null(grant.At("condition"));
    }

    [Fact]
    public void The_app_identity_holds_no_other_role()
    {
        var expected = AppRoleGrants.Select(grant => grant.Guid);
        var granted = Assignments.Where(a => (string?)a.At("properties.principalId") == AppIdentity).Select(RoleOf).ToList();

        Assert.Equal(expected.Order(), granted.Order());
    }

    [Fact]
    public void The_identity_and_its_roles_are_deployed_before_the_function_app()
    {
        // Resource Manager starts a module only when everything in its dependsOn has finished.
        Assert.Contains("app-identity", DeploymentsBefore("app-role-assignments"));
        Assert.Contains("app-role-assignments", DeploymentsBefore("function-app"));
        Assert.Contains("app-identity", DeploymentsBefore("function-app"));
    }

    [Fact]
    public void The_roles_go_to_the_identity_the_function_app_runs_as()
    {
        var identityName = (string?)Module("app-identity").At("properties.parameters.identityName.value");

        Assert.Equal("[variables('names').identity]", identityName);
        Assert.Equal(identityName, (string?)Module("app-role-assignments").At("properties.parameters.identityName.value"));
        Assert.Equal("[reference('appIdentity').outputs.resourceId.value]", (string?)Module("function-app").At("properties.parameters.identityResourceId.value"));
        Assert.Equal("[reference('appIdentity').outputs.clientId.value]", (string?)Module("function-app").At("properties.parameters.identityClientId.value"));
    }

    [Fact]
    public void Every_assignment_is_scoped_to_a_single_resource_not_the_resource_group()
    {
        Assert.All(Assignments, a => Assert.StartsWith("[resourceId(", (string?)a.At("scope"), StringComparison.Ordinal));
    }

    [Fact]
    public void The_deployer_may_write_secrets_only_when_azd_names_them()
    {
        var officer = Assignments.Single(a => RoleOf(a) == "b86a8fe4-44ce-4948-aee5-eccb2c155cd7"); // Key Vault Secrets Officer

        Assert.Equal("[parameters('deployerPrincipalId')]", (string?)officer.At("properties.principalId"));
        Assert.Equal("[not(empty(parameters('deployerPrincipalId')))]", (string?)officer.At("condition"));
        Assert.Equal("[resourceId('Microsoft.KeyVault/vaults', parameters('keyVaultName'))]", (string?)officer.At("scope"));
    }

    private TemplateResource Module(string deploymentName) =>
        compiled.Template.OfType("Microsoft.Resources/deployments").Single(d => (string?)d.At("name") == deploymentName);

    /// <summary>The deployment names of the modules a module of main.bicep waits for (dependsOn holds symbolic names).</summary>
    private List<string> DeploymentsBefore(string deploymentName)
    {
        var resources = compiled.Template.Root["resources"]!.AsObject();
        return Module(deploymentName).At("dependsOn")!.AsArray()
            .Select(symbolicName => (string?)resources[(string)symbolicName!]?["name"] ?? "")
            .ToList();
    }

    private static string RoleOf(TemplateResource assignment)
    {
        const string prefix = "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '";
        var id = (string?)assignment.At("properties.roleDefinitionId") ?? "";
        Assert.StartsWith(prefix, id, StringComparison.Ordinal);
        return id[prefix.Length..^"')]".Length];
    }

    private static string ScopeParameter(string scopeType) => scopeType switch
    {
        "Microsoft.Storage/storageAccounts" => "storageAccountName",
        "Microsoft.KeyVault/vaults" => "keyVaultName",
        "Microsoft.OperationalInsights/workspaces" => "workspaceName",
        _ => throw new ArgumentOutOfRangeException(nameof(scopeType), scopeType, "No scope parameter known for this type."),
    };
}
