// The Function App: a Flex Consumption plan (Linux, scale to zero) running Soakline as a .NET 10
// isolated-worker Durable Functions app. The platform pulls the package from the deployment container;
// the Functions host starts the worker and runs Durable Functions with its Azure Storage provider on the
// host's own storage connection (AzureWebJobsStorage).
//
// Identity: the user-assigned identity from app-identity.bicep, and only that one. The host and Durable
// Functions reach storage with it (AzureWebJobsStorage__*), the platform pulls the package with it, Key
// Vault references resolve with it (keyVaultReferenceIdentity), and the app's DefaultAzureCredential
// picks it by AZURE_CLIENT_ID. Its roles are granted before this module runs (main.bicep).

import { secretNames } from 'secret-names.bicep'

@description('Azure region for the plan and the app.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Value of the azd-service-name tag: the service name in azure.yaml that `azd deploy` targets.')
param azdServiceName string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Globally unique name of the Function App (becomes <name>.azurewebsites.net).')
param functionAppName string

@description('Name of the storage account used by identity.')
param storageAccountName string

@description('URL of the blob container holding the deployment package.')
param deploymentContainerUrl string

@description('Key Vault URI with a trailing slash; secret app settings are Key Vault references into it.')
param keyVaultUri string

@description('Key Vault secret names that exist in the vault (written by this deployment or set there directly). Only these get a Key Vault reference app setting.')
param secretsInVault array

@description('Resource id of the user-assigned identity the app runs as.')
param identityResourceId string

@description('Client id of the user-assigned identity.')
param identityClientId string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('Workspace (customer) id the canary analysis queries.')
param logAnalyticsWorkspaceId string

@description('Memory per instance in MB (Flex Consumption sizes).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Upper bound on instances the plan scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Concurrent HTTP requests one instance handles before the plan adds another.')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int

@description('Soakline task hub name: prefix of its table, queues and blob container.')
param taskHubName string

@description('NCRONTAB schedule of the monitor sweep timer (six fields, seconds first), in UTC.')
param monitorSchedule string

@description('GitHub App id; empty when Soakline authenticates with a token instead.')
param gitHubAppId string

@description('SMTP host that approval mails are sent through; empty disables mail.')
param smtpHost string

@description('GitHub App installation id; empty with token authentication.')
param gitHubInstallationId string

@description('Sender address of approval mails.')
param smtpFromAddress string

@description('User name the SMTP server authenticates; empty without SMTP authentication.')
param smtpUserName string

@description('Public address approval links point at; empty means the app\'s default host name.')
param publicBaseUrl string

@description('Protection policy: the repositories Soakline serves (owner/name, comma-separated).')
param policyRepositories string

@description('Protection policy of the staging environment: branches, hosts, requireApproval, approvers, probeHosts (comma-separated strings); no branches, no environment.')
param policyStaging object

@description('Protection policy of the production environment: branches, hosts, approvers, probeHosts (comma-separated strings); no branches, no environment.')
param policyProduction object

// A secret setting is a versionless Key Vault reference (no version segment in the URI), so rotating a
// secret in the vault needs no redeployment: the platform picks the new version up within a day, or at
// once when the app restarts. Unresolved, the setting holds the reference text itself, which is why a
// reference is emitted only for a secret that exists: the app treats an unresolved reference to an
// optional setting as absent (with a warning) but refuses to start on one to a required setting.
var secretUriPrefix = '${keyVaultUri}secrets/'

// Settings with a value in every deployment.
var baseSettings = [
  // The Functions host's own storage, which Durable Functions' Azure Storage provider also uses (host.json
  // names AzureWebJobsStorage as its connection): by identity, no connection string.
  {
    name: 'AzureWebJobsStorage__accountName'
    value: storageAccountName
  }
  {
    name: 'AzureWebJobsStorage__credential'
    value: 'managedidentity'
  }
  {
    name: 'AzureWebJobsStorage__clientId'
    value: identityClientId
  }
  // DefaultAzureCredential in the app (its ledger table, Azure Monitor Logs) selects the user-assigned
  // identity by this client id; without it, it would look for a system-assigned identity that does not exist.
  {
    name: 'AZURE_CLIENT_ID'
    value: identityClientId
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: applicationInsightsConnectionString
  }
  {
    name: 'MonitorSchedule'
    value: monitorSchedule
  }
  {
    name: 'Soakline__TaskHub'
    value: taskHubName
  }
  // The watchdog timer's schedule (%Soakline:Watchdog:Schedule% in functions.metadata): every 5 minutes, the app's
  // default; its limits keep their defaults unless set (docs/operations.md, Stuck-pipeline watchdog).
  {
    name: 'Soakline__Watchdog__Schedule'
    value: '0 */5 * * * *'
  }
  {
    name: 'Soakline__Storage__AccountName'
    value: storageAccountName
  }
  {
    name: 'Soakline__AzureMonitor__WorkspaceId'
    value: logAnalyticsWorkspaceId
  }
  {
    // The site cannot read its own host name while it is being defined; <name>.azurewebsites.net is what a
    // Function App without a custom domain answers on.
    name: 'Soakline__ApprovalMail__PublicBaseUrl'
    value: empty(publicBaseUrl) ? 'https://${functionAppName}.azurewebsites.net' : publicBaseUrl
  }
]

// The protection policy's environments: one only when it has branches, and of it only the settings with a value.
var policyStagingPrefix = 'Soakline__Policy__Environments__staging__'
var policyProductionPrefix = 'Soakline__Policy__Environments__production__'
var policySettings = concat(
  [
    {
      name: 'Soakline__Policy__Repositories'
      value: policyRepositories
    }
  ],
  empty(policyStaging.branches) ? [] : filter(
    [
      {
        name: '${policyStagingPrefix}Kind'
        value: 'staging'
      }
      {
        name: '${policyStagingPrefix}Branches'
        value: policyStaging.branches
      }
      {
        name: '${policyStagingPrefix}RequireApproval'
        value: policyStaging.requireApproval
      }
      {
        name: '${policyStagingPrefix}Approvers'
        value: policyStaging.approvers
      }
      {
        name: '${policyStagingPrefix}Hosts'
        value: policyStaging.hosts
      }
      {
        name: '${policyStagingPrefix}ProbeHosts'
        value: policyStaging.probeHosts
      }
    ],
    setting => !empty(setting.value)
  ),
  empty(policyProduction.branches) ? [] : filter(
    [
      {
        name: '${policyProductionPrefix}Kind'
        value: 'production'
      }
      {
        name: '${policyProductionPrefix}Branches'
        value: policyProduction.branches
      }
      {
        name: '${policyProductionPrefix}Approvers'
        value: policyProduction.approvers
      }
      {
        name: '${policyProductionPrefix}Hosts'
        value: policyProduction.hosts
      }
      {
        name: '${policyProductionPrefix}ProbeHosts'
        value: policyProduction.probeHosts
      }
    ],
    setting => !empty(setting.value)
  )
)

// Optional plain settings, emitted only with a value: the app reads an empty setting as present, and an
// adapter section that is present but empty stops the start.
var optionalSettings = filter(
  [
    {
      name: 'Soakline__GitHub__AppId'
      value: gitHubAppId
    }
    {
      name: 'Soakline__GitHub__InstallationId'
      value: gitHubInstallationId
    }
    {
      name: 'Soakline__Smtp__Host'
      value: smtpHost
    }
    {
      name: 'Soakline__Smtp__FromAddress'
      value: smtpFromAddress
    }
    {
      name: 'Soakline__Smtp__UserName'
      value: smtpUserName
    }
  ],
  setting => !empty(setting.value)
)

// The app setting behind each Key Vault secret.
var secretSettings = [
  {
    name: 'Soakline__GitHub__WebhookSecret'
    secret: secretNames.githubWebhookSecret
  }
  {
    name: 'Soakline__GitHub__PrivateKey'
    secret: secretNames.githubPrivateKey
  }
  {
    name: 'Soakline__GitHub__Token'
    secret: secretNames.githubToken
  }
  {
    name: 'Soakline__Ssh__PrivateKey'
    secret: secretNames.sshPrivateKey
  }
  {
    name: 'Soakline__Approvals__SigningKey'
    secret: secretNames.approvalsSigningKey
  }
  {
    name: 'Soakline__Smtp__Password'
    secret: secretNames.smtpPassword
  }
  {
    name: 'Soakline__ApiKeys'
    secret: secretNames.apiKeys
  }
]

var keyVaultReferenceSettings = map(
  filter(secretSettings, setting => contains(secretsInVault, setting.secret)),
  setting => {
    name: setting.name
    value: '@Microsoft.KeyVault(SecretUri=${secretUriPrefix}${setting.secret})'
  }
)

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    // Linux.
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: functionAppName
  location: location
  tags: union(tags, { 'azd-service-name': azdServiceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve with the user-assigned identity (the default would be a system-assigned one).
    keyVaultReferenceIdentity: identityResourceId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityResourceId
          }
        }
      }
      // The .NET isolated worker on .NET 10, as the Flex Consumption runtime catalog names it.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        triggers: {
          http: {
            perInstanceConcurrency: httpPerInstanceConcurrency
          }
        }
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // Flex Consumption takes the runtime from functionAppConfig: FUNCTIONS_WORKER_RUNTIME and
      // FUNCTIONS_EXTENSION_VERSION must not appear here.
      appSettings: concat(baseSettings, policySettings, optionalSettings, keyVaultReferenceSettings)
    }
  }
}

// Deployments authenticate with Entra ID (azd, az, GitHub Actions with OIDC): no publishing passwords.
resource ftpPublishingCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishingCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('Name of the Function App.')
output functionAppName string = functionApp.name

@description('Default host name, e.g. <name>.azurewebsites.net.')
output defaultHostName string = functionApp.properties.defaultHostName
