// The app's user-assigned managed identity. It is its own resource, created before the Function App and
// granted its roles (app-role-assignments.bicep) before the site exists, so the app's first start already
// reaches storage and Key Vault. A system-assigned identity cannot do that: it only exists once the site
// does, and the site starts before the grants that follow it.
//
// The app uses it for everything: the Functions host and Durable Functions' storage (AzureWebJobsStorage__*),
// the platform pulling the package from the deployment container, Key Vault references, and the app's own
// DefaultAzureCredential (AZURE_CLIENT_ID).

@description('Azure region for the identity.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Name of the user-assigned identity.')
@minLength(3)
@maxLength(128)
param identityName string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

@description('Resource id of the identity, as the site\'s identity list, deployment storage and Key Vault references name it.')
output resourceId string = identity.id

@description('Client (application) id of the identity: what AzureWebJobsStorage__clientId and AZURE_CLIENT_ID select it by.')
output clientId string = identity.properties.clientId
