// The storage account behind everything durable: the Functions host's own state (AzureWebJobsStorage),
// Soakline's task hub (one table, two queues, one blob container, created by the app at start) and the
// Flex Consumption deployment container that holds the app package. Access is by Entra identity only:
// shared keys are disabled, so no connection string with an account key exists anywhere.

@description('Azure region for the storage account.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Globally unique storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param storageAccountName string

@description('Blob container the Flex Consumption plan deploys the app package from.')
@minLength(3)
@maxLength(63)
param deploymentContainerName string

@description('Storage redundancy. Standard_LRS is the cheapest; use Standard_ZRS for zone redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
])
param skuName string = 'Standard_LRS'

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // Identity only: the app, the Functions host and the deployment all authenticate with Entra ID.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: storageAccount
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

@description('Name of the storage account.')
output storageAccountName string = storageAccount.name

@description('Blob endpoint, e.g. https://<account>.blob.core.windows.net/.')
output blobEndpoint string = storageAccount.properties.primaryEndpoints.blob

@description('URL of the deployment container the Flex Consumption plan reads the package from.')
output deploymentContainerUrl string = '${storageAccount.properties.primaryEndpoints.blob}${deploymentContainer.name}'
