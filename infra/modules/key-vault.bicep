// Key Vault for the app's secrets, in RBAC mode (no access policies): the app identity reads secrets
// through the Key Vault Secrets User role, and the person who runs `azd up` may write them through
// Key Vault Secrets Officer (granted in app-role-assignments.bicep / main.bicep).
//
// A secret is written only when a value is supplied. Empty values are skipped on purpose: an operator
// can set a secret later with `az keyvault secret set` and a later `azd provision` without the value
// leaves it alone (incremental deployment never deletes resources that are not in the template).

import { secretNames } from 'secret-names.bicep'

@description('Azure region for the vault.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Globally unique vault name (3-24 letters, digits and hyphens).')
@minLength(3)
@maxLength(24)
param keyVaultName string

@description('Days a deleted vault or secret can be recovered.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@secure()
@description('Secret values keyed like secretNames in secret-names.bicep; an empty or missing value writes nothing.')
param secretValues object

resource keyVault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    publicNetworkAccess: 'Enabled'
  }
}

resource secrets 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = [
  for secret in items(secretNames): if (!empty(secretValues[?secret.key] ?? '')) {
    parent: keyVault
    name: secret.value
    properties: {
      value: secretValues[?secret.key] ?? ''
    }
  }
]

@description('Name of the vault.')
output keyVaultName string = keyVault.name

@description('Vault URI with a trailing slash, e.g. https://<vault>.vault.azure.net/.')
output keyVaultUri string = keyVault.properties.vaultUri
