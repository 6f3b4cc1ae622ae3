// The app's secrets: a Key Vault with RBAC authorization holding the table store's connection string,
// the password of the HTTP Basic user root and the key that seals job secrets. The app's identity
// reads them (Key Vault references in app settings); the person deploying may manage them.

@description('Name of the vault (3-24 characters).')
param name string

@description('Region of the vault.')
param location string

@description('Tags for the vault.')
param tags object

@description('Principal id of the app\'s identity: gets Key Vault Secrets User.')
param readerPrincipalId string

@description('Principal id of whoever deploys (user or service principal): gets Key Vault Secrets Officer. Empty: none.')
param officerPrincipalId string

@description('Host name of the PostgreSQL server.')
param postgresHost string

@description('Database of the table store.')
param postgresDatabase string

@description('PostgreSQL login of the app.')
param postgresLogin string

@secure()
@description('PostgreSQL password of the app.')
param postgresPassword string

@secure()
@description('Password of the HTTP Basic user root.')
param rootPassword string

@secure()
@description('Key that seals job secrets: base64 of 32 random bytes.')
param secretsKey string

// Built-in roles.
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
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
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource reader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, readerPrincipalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// azd passes the signed-in user, or the service principal of a pipeline: the type is left to Azure.
resource officer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(officerPrincipalId)) {
  name: guid(vault.id, officerPrincipalId, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
    principalId: officerPrincipalId
  }
}

resource tablesConnectionString 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'tables-connection-string'
  properties: {
    contentType: 'Npgsql connection string'
    value: 'Host=${postgresHost};Database=${postgresDatabase};Username=${postgresLogin};Password=${postgresPassword};SSL Mode=Require'
  }
}

resource rootPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'root-password'
  properties: {
    contentType: 'HTTP Basic password of user root'
    value: rootPassword
  }
}

resource secretsKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'secrets-key'
  properties: {
    contentType: 'base64 AES-256 key that seals job secrets'
    value: secretsKey
  }
}

output name string = vault.name
// Version-less URIs: the app follows a rotated secret (App Service refreshes references within a day,
// or at once when the app's settings change).
output tablesConnectionStringUri string = tablesConnectionString.properties.secretUri
output rootUserCredentialUri string = rootPasswordSecret.properties.secretUri
output sealingKeyUri string = secretsKeySecret.properties.secretUri
