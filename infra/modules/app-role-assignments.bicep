// What the app's user-assigned identity may do, and nothing more. main.bicep deploys this module after
// the identity and before the Function App, so every grant exists when the app first starts. Every grant
// is scoped to the one resource it is about (never the resource group), and named with
// guid(scope, identity, role) so a redeployment finds the same assignment instead of failing on a
// duplicate.
//
// The names use the identity's resource id rather than its object id: the resource id is known before
// deployment, so What-If can predict these assignments (what-if-short-circuiting). The cost: after
// deleting and re-creating only the identity, delete its orphaned assignments before redeploying
// (docs/deploy-azure.md, "Troubleshooting").
//
// Role definition ids are Azure built-in roles; they are the same in every tenant.

@description('Name of the user-assigned identity the Function App runs as; it receives the roles.')
param identityName string

@description('Storage account holding the host state, the task hub and the deployment container.')
param storageAccountName string

@description('Key Vault holding the app\'s secrets.')
param keyVaultName string

@description('Log Analytics workspace the canary analysis queries.')
param workspaceName string

@description('Object id of the person or pipeline running the deployment; empty grants nothing.')
param deployerPrincipalId string = ''

@description('Kind of principal deployerPrincipalId is.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param deployerPrincipalType string = 'User'

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

var appPrincipalId = appIdentity.properties.principalId

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource keyVault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-07-01' existing = {
  name: workspaceName
}

// The Functions host keeps its leases and keys in blobs and, with an identity-based
// AzureWebJobsStorage, its documentation asks for Blob Data Owner on the account.
resource hostBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, appIdentity.id, 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b') // Storage Blob Data Owner
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Durable Functions' Azure Storage provider (large payloads in the task hub's blob containers) and the
// platform pulling the package from the deployment container. Granted separately from the host's Owner
// so these needs stay visible even if the host's ever shrinks.
resource appBlobContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, appIdentity.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe') // Storage Blob Data Contributor
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Durable Functions' control and work-item queues.
resource appQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, appIdentity.id, '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '974c5e8b-45b9-4653-ba55-5f855dd0fb88') // Storage Queue Data Contributor
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Durable Functions' instances and history tables, and the app's own ledger table.
resource appTableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, appIdentity.id, '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3') // Storage Table Data Contributor
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Key Vault references in the app settings resolve with the app identity: read secrets, nothing else.
resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, appIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6') // Key Vault Secrets User
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Canary analysis runs KQL against the workspace through the Azure Monitor Logs API.
resource appLogAnalyticsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(workspace.id, appIdentity.id, '73c42c96-874c-492b-b04d-ab87d138a893')
  scope: workspace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '73c42c96-874c-492b-b04d-ab87d138a893') // Log Analytics Reader
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The deployer sets the secrets that were not passed as parameters (`az keyvault secret set`). In RBAC
// mode even the subscription owner cannot write secrets without a data-plane role.
resource deployerSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(keyVault.id, deployerPrincipalId, 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7') // Key Vault Secrets Officer
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
  }
}
