// The Function App: a Flex Consumption plan (Linux, scale to zero) running Soakline as a custom handler.
// The Functions host reads host.json and the function folders from the package in the deployment
// container and starts the self-contained executable that host.json names.
//
// Identity: system-assigned. The host reaches storage with it (AzureWebJobsStorage__*), the platform
// pulls the package with it, Key Vault references resolve with it, and the app itself uses it for the
// task hub and the Azure Monitor Logs queries. The roles are granted in app-role-assignments.bicep.

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

@description('Public address approval links point at; empty means the app\'s default host name.')
param publicBaseUrl string

// Every secret setting is a versionless Key Vault reference (no version segment in the URI), so rotating
// a secret in the vault needs no redeployment: the platform picks the new version up within a day, or at
// once when the app restarts. Unresolved, the setting holds the reference text itself.
var secretUriPrefix = '${keyVaultUri}secrets/'

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
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      // The custom-handler stack: the host starts the executable named in host.json. '1.0' is the
      // version the Flex Consumption runtime catalog lists for 'custom'; ARM accepts any string here,
      // but an app with an uncatalogued version never starts its host.
      runtime: {
        name: 'custom'
        version: '1.0'
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
      appSettings: [
        // The Functions host's own storage, by identity (no connection string).
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storageAccountName
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
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
        {
          name: 'Soakline__Storage__AccountName'
          value: storageAccountName
        }
        {
          name: 'Soakline__AzureMonitor__WorkspaceId'
          value: logAnalyticsWorkspaceId
        }
        {
          name: 'Soakline__GitHub__AppId'
          value: gitHubAppId
        }
        {
          name: 'Soakline__Smtp__Host'
          value: smtpHost
        }
        {
          name: 'Soakline__GitHub__InstallationId'
          value: gitHubInstallationId
        }
        {
          name: 'Soakline__Smtp__FromAddress'
          value: smtpFromAddress
        }
        {
          // The site cannot read its own host name while it is being defined; <name>.azurewebsites.net is what a
          // Function App without a custom domain answers on.
          name: 'Soakline__ApprovalMail__PublicBaseUrl'
          value: empty(publicBaseUrl) ? 'https://${functionAppName}.azurewebsites.net' : publicBaseUrl
        }
        {
          name: 'Soakline__GitHub__WebhookSecret'
          value: '@Microsoft.KeyVault(SecretUri=${secretUriPrefix}${secretNames.githubWebhookSecret})'
        }
        {
          name: 'Soakline__GitHub__PrivateKey'
          value: '@Microsoft.KeyVault(SecretUri=${secretUriPrefix}${secretNames.githubPrivateKey})'
        }
        {
          name: 'Soakline__GitHub__Token'
          value: '@Microsoft.KeyVault(SecretUri=${secretUriPrefix}${secretNames.githubToken})'
        }
        {
          name: 'Soakline__Ssh__PrivateKey'
          value: '@Microsoft.KeyVault(SecretUri=${secretUriPrefix}${secretNames.sshPrivateKey})'
        }
        {
          name: 'Soakline__Approvals__SigningKey'
          value: '@Microsoft.KeyVault(SecretUri=${secretUriPrefix}${secretNames.approvalsSigningKey})'
        }
        {
          name: 'Soakline__Smtp__Password'
          value: '@Microsoft.KeyVault(SecretUri=${secretUriPrefix}${secretNames.smtpPassword})'
        }
        {
          name: 'Soakline__ApiKey'
          value: '@Microsoft.KeyVault(SecretUri=${secretUriPrefix}${secretNames.apiKey})'
        }
      ]
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

@description('Object id of the app\'s system-assigned identity, for role assignments.')
output principalId string = functionApp.identity.principalId
