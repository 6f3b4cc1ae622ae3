// The user-assigned managed identity the Function App runs as: it reads the storage account (host,
// task hub, deployment package), the Key Vault secrets and Application Insights, with no keys anywhere.

@description('Name of the identity.')
param name string

@description('Region of the identity.')
param location string

@description('Tags for the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
