// Soakline on Azure: a resource group holding a Function App on the Flex Consumption plan (.NET 10
// isolated worker, Durable Functions), the user-assigned identity it runs as, a storage account reached by
// identity only, Log Analytics with Application Insights, and a Key Vault for the secrets. `azd up`
// deploys this file with infra/main.parameters.json; see docs/deploy-azure.md. Every module lives under
// infra/modules and nothing is pulled from a registry.

targetScope = 'subscription'

import { secretNames } from 'modules/secret-names.bicep'

@minLength(1)
@maxLength(64)
@description('azd environment name (AZURE_ENV_NAME). Names the resource group and seeds the unique suffix of every resource name.')
param environmentName string

@minLength(1)
@description('Azure region for every resource. It must offer the Flex Consumption plan (`az functionapp list-flexconsumption-locations`).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the person or pipeline running the deployment (azd fills AZURE_PRINCIPAL_ID). It may write Key Vault secrets. Empty grants nothing.')
param principalId string = ''

@description('Kind of principal principalId is: User when a person runs azd, ServicePrincipal in a pipeline.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('Resource group name; empty means rg-<environmentName>.')
param resourceGroupName string = ''

@description('Soakline task hub name: prefix of its table, queues and blob container (Soakline__TaskHub). At most 45 characters, so the suffixed storage names stay within the 63 Azure Storage allows.')
@minLength(3)
@maxLength(45)
param taskHubName string = 'soakline'

@description('NCRONTAB schedule of the monitor sweep, six fields with seconds first, in UTC (MonitorSchedule). Default: every 5 minutes, 08:00-18:59, Monday to Friday.')
param monitorSchedule string = '0 */5 8-18 * * 1-5'

@description('GitHub App id (Soakline__GitHub__AppId). Leave empty when Soakline uses a token instead of a GitHub App.')
param gitHubAppId string = ''

@description('SMTP host approval mails are sent through (Soakline__Smtp__Host). Empty disables mail.')
param smtpHost string = ''

@description('GitHub App installation id on your organisation or account (Soakline__GitHub__InstallationId). Needed with gitHubAppId.')
param gitHubInstallationId string = ''

@description('Sender address of approval mails (Soakline__Smtp__FromAddress), e.g. soakline@example.com. Needed with smtpHost.')
param smtpFromAddress string = ''

@description('User name the SMTP server authenticates (Soakline__Smtp__UserName). Set together with smtpPassword, or leave both empty.')
param smtpUserName string = ''

@description('Public address approval links point at (Soakline__ApprovalMail__PublicBaseUrl). Empty: https://<function app name>.azurewebsites.net.')
param publicBaseUrl string = ''

@description('Protection policy: the repositories Soakline serves, owner/name comma-separated (Soakline__Policy__Repositories). Deliveries from any other repository are ignored. Required.')
@minLength(3)
param policyRepositories string

@description('Protection policy: branch globs allowed to deploy to staging, comma-separated, e.g. develop (Soakline__Policy__Environments__staging__Branches). Empty: no staging environment in the policy.')
param policyStagingBranches string = ''

@description('Protection policy: staging\'s deploy hosts as specs name them, comma-separated (Soakline__Policy__Environments__staging__Hosts). Needed with policyStagingBranches.')
param policyStagingHosts string = ''

@description('Protection policy: whether every staging release waits for an approver (Soakline__Policy__Environments__staging__RequireApproval).')
@allowed([
  'true'
  'false'
])
param policyStagingRequireApproval string = 'false'

@description('Protection policy: who may approve staging releases, comma-separated (Soakline__Policy__Environments__staging__Approvers). Needed when policyStagingRequireApproval is true.')
param policyStagingApprovers string = ''

@description('Protection policy: further hosts staging\'s health, latency, TLS and DNS checks may reach (Soakline__Policy__Environments__staging__ProbeHosts).')
param policyStagingProbeHosts string = ''

@description('Protection policy: branch globs allowed to deploy to production, comma-separated, e.g. main, hotfix/* (Soakline__Policy__Environments__production__Branches). Empty: no production environment in the policy.')
param policyProductionBranches string = ''

@description('Protection policy: production\'s deploy hosts as specs name them, comma-separated (Soakline__Policy__Environments__production__Hosts). Needed with policyProductionBranches.')
param policyProductionHosts string = ''

@description('Protection policy: who may approve production releases, comma-separated (Soakline__Policy__Environments__production__Approvers). Needed with policyProductionBranches: production always needs an approval.')
param policyProductionApprovers string = ''

@description('Protection policy: further hosts production\'s health, latency, TLS and DNS checks may reach, e.g. the public host name (Soakline__Policy__Environments__production__ProbeHosts).')
param policyProductionProbeHosts string = ''

@description('Memory per Flex Consumption instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the Flex Consumption plan scales out to. A release orchestrator needs few; the bound caps cost.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Concurrent HTTP requests one instance takes before the plan scales out.')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int = 16

@description('Days Log Analytics keeps data.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@secure()
@description('GitHub webhook secret (HMAC-SHA256 key of X-Hub-Signature-256). Written to Key Vault when not empty.')
param gitHubWebhookSecret string = ''

@secure()
@description('GitHub App private key (PEM). Written to Key Vault when not empty.')
param gitHubPrivateKey string = ''

@secure()
@description('GitHub token, when Soakline authenticates with a token instead of a GitHub App. Written to Key Vault when not empty.')
param gitHubToken string = ''

@secure()
@description('SSH private key (OpenSSH PEM) for the deploy targets. Written to Key Vault when not empty.')
param sshPrivateKey string = ''

@secure()
@description('Key that signs approval links. Written to Key Vault when not empty.')
param approvalsSigningKey string = ''

@secure()
@description('SMTP password. Written to Key Vault when not empty.')
param smtpPassword string = ''

@secure()
@description('Named API keys, name=key; name2=key2 (the name is the identity decisions are recorded under). Written to Key Vault when not empty.')
param apiKeys string = ''

@description('Comma-separated Key Vault secret names (e.g. github-private-key,approvals-signing-key) set in the vault directly with `az keyvault secret set` instead of passed as parameters. Their app settings are Key Vault references too; a secret neither passed nor listed gets no app setting.')
param secretNamesSetInVault string = ''

// The azd service in azure.yaml that `azd deploy` packages and sends to the Function App.
var azdServiceName = 'soakline'
var tags = {
  'azd-env-name': environmentName
}
// Stable per subscription, environment and region: redeployments address the same resources.
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var names = {
  identity: 'id-${resourceToken}'
  workspace: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  storageAccount: 'st${resourceToken}'
  keyVault: 'kv-${resourceToken}'
  plan: 'plan-${resourceToken}'
  functionApp: 'func-${resourceToken}'
}

// Keys match secretNames in modules/secret-names.bicep.
var secretValues = {
  githubWebhookSecret: gitHubWebhookSecret
  githubPrivateKey: gitHubPrivateKey
  githubToken: gitHubToken
  sshPrivateKey: sshPrivateKey
  approvalsSigningKey: approvalsSigningKey
  smtpPassword: smtpPassword
  apiKeys: apiKeys
}

// The secrets the vault holds as far as this deployment knows: those it writes now and those the operator
// says were set there directly. Only these become Key Vault references in the app settings.
var secretsInVault = union(
  map(filter(items(secretNames), secret => !empty(secretValues[secret.key])), secret => secret.value),
  filter(map(split(secretNamesSetInVault, ','), name => trim(name)), name => !empty(name))
)

resource resourceGroup 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    workspaceName: names.workspace
    applicationInsightsName: names.applicationInsights
    retentionInDays: logRetentionInDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    storageAccountName: names.storageAccount
    deploymentContainerName: 'app-package'
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    keyVaultName: names.keyVault
    secretValues: secretValues
  }
}

module appIdentity 'modules/app-identity.bicep' = {
  name: 'app-identity'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    identityName: names.identity
  }
}

// The identity's roles exist before the Function App does, so its first start already reaches storage and
// Key Vault.
module appRoleAssignments 'modules/app-role-assignments.bicep' = {
  name: 'app-role-assignments'
  scope: resourceGroup
  dependsOn: [
    appIdentity
    storage
    keyVault
    monitoring
  ]
  params: {
    // Names known before deployment (not module outputs), so What-If can predict the assignments.
    identityName: names.identity
    storageAccountName: names.storageAccount
    keyVaultName: names.keyVault
    workspaceName: names.workspace
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: resourceGroup
  dependsOn: [
    appRoleAssignments
  ]
  params: {
    location: location
    tags: tags
    azdServiceName: azdServiceName
    planName: names.plan
    functionAppName: names.functionApp
    storageAccountName: storage.outputs.storageAccountName
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    keyVaultUri: keyVault.outputs.keyVaultUri
    secretsInVault: secretsInVault
    identityResourceId: appIdentity.outputs.resourceId
    identityClientId: appIdentity.outputs.clientId
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceCustomerId
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    httpPerInstanceConcurrency: httpPerInstanceConcurrency
    taskHubName: taskHubName
    monitorSchedule: monitorSchedule
    gitHubAppId: gitHubAppId
    smtpHost: smtpHost
    gitHubInstallationId: gitHubInstallationId
    smtpFromAddress: smtpFromAddress
    smtpUserName: smtpUserName
    publicBaseUrl: publicBaseUrl
    policyRepositories: policyRepositories
    policyStaging: {
      branches: policyStagingBranches
      hosts: policyStagingHosts
      requireApproval: policyStagingRequireApproval
      approvers: policyStagingApprovers
      probeHosts: policyStagingProbeHosts
    }
    policyProduction: {
      branches: policyProductionBranches
      hosts: policyProductionHosts
      approvers: policyProductionApprovers
      probeHosts: policyProductionProbeHosts
    }
  }
}

@description('Region the resources were deployed to.')
output AZURE_LOCATION string = location

@description('Tenant of the subscription.')
output AZURE_TENANT_ID string = tenant().tenantId

@description('Resource group holding every Soakline resource.')
output AZURE_RESOURCE_GROUP string = resourceGroup.name

@description('Name of the Function App.')
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.functionAppName

@description('Name of the storage account (identity access only).')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.storageAccountName

@description('Name of the Key Vault holding the secrets.')
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.keyVaultName

@description('Key Vault URI.')
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.keyVaultUri

@description('Payload URL to enter in the GitHub App or repository webhook settings.')
output SOAKLINE_WEBHOOK_URL string = 'https://${functionApp.outputs.defaultHostName}/api/github/webhook'

@description('Dashboard of pipelines, approvals and DORA figures.')
output SOAKLINE_DASHBOARD_URL string = 'https://${functionApp.outputs.defaultHostName}/dashboard'
