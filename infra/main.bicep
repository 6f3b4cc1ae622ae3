// ContinuousLoad on Azure, provisioned by `azd up` (or `azd provision`): a resource group named after
// the azd environment holding a Flex Consumption Function App, its storage account (Functions host,
// Durable task hub, deployment package), Application Insights over Log Analytics, the PostgreSQL table
// store and a Key Vault with the app's secrets. The app reaches storage, Key Vault and telemetry
// through one user-assigned managed identity. See docs/deploy.md.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment: names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('Region of every resource. It must offer the Flex Consumption plan and PostgreSQL Flexible Server.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the user or service principal running azd (AZURE_PRINCIPAL_ID): may manage the Key Vault secrets. Empty: nobody is added.')
param principalId string = ''

@minLength(1)
@description('Administrator login of the PostgreSQL server, which the app signs in with.')
param postgresAdminLogin string = 'continuousload'

@secure()
@minLength(8)
@description('Administrator password of the PostgreSQL server (8-128 characters of three kinds: upper case, lower case, digits, symbols; no ; or quotes).')
param postgresAdminPassword string

@secure()
@minLength(1)
@description('Password of the app\'s HTTP Basic user root.')
param rootPassword string

@secure()
@minLength(44)
@maxLength(44)
@description('Key that seals job secrets, shared by every instance: base64 of 32 random bytes (openssl rand -base64 32).')
param secretsKey string

// Resource name prefixes, as in the Azure abbreviation recommendations.
var abbrs = {
  resourceGroup: 'rg-'
  managedIdentity: 'id-'
  logAnalytics: 'log-'
  applicationInsights: 'appi-'
  storageAccount: 'st'
  keyVault: 'kv-'
  postgresServer: 'psql-'
  functionPlan: 'plan-'
  functionApp: 'func-'
}
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var serviceName = 'api'
var databaseName = 'continuousload'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourceGroup}${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentity}${serviceName}-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.logAnalytics}${resourceToken}'
    applicationInsightsName: '${abbrs.applicationInsights}${resourceToken}'
    location: location
    tags: tags
    publisherPrincipalId: identity.outputs.principalId
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageAccount}${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package'
  }
}

module storageAccess 'modules/storage-access.bicep' = {
  name: 'storage-access'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    principalId: identity.outputs.principalId
  }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  scope: rg
  params: {
    name: '${abbrs.postgresServer}${resourceToken}'
    location: location
    tags: tags
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    databaseName: databaseName
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  scope: rg
  params: {
    name: '${abbrs.keyVault}${resourceToken}'
    location: location
    tags: tags
    readerPrincipalId: identity.outputs.principalId
    officerPrincipalId: principalId
    postgresHost: postgres.outputs.fullyQualifiedDomainName
    postgresDatabase: postgres.outputs.databaseName
    postgresLogin: postgresAdminLogin
    postgresPassword: postgresAdminPassword
    rootPassword: rootPassword
    secretsKey: secretsKey
  }
}

// Starts after the identity may read storage (the deployment package, the host's leases) and the
// secrets (its Key Vault references), so its first start finds both.
module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  dependsOn: [
    storageAccess
  ]
  params: {
    name: '${abbrs.functionApp}${serviceName}-${resourceToken}'
    planName: '${abbrs.functionPlan}${resourceToken}'
    location: location
    tags: tags
    serviceName: serviceName
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    tablesConnectionStringUri: keyVault.outputs.tablesConnectionStringUri
    rootUserCredentialUri: keyVault.outputs.rootUserCredentialUri
    sealingKeyUri: keyVault.outputs.sealingKeyUri
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output POSTGRES_SERVER_FQDN string = postgres.outputs.fullyQualifiedDomainName
