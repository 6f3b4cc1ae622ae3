// The Function App on the Flex Consumption plan (FC1): Linux, isolated-worker .NET, instances added
// and removed with the load and none kept when idle. It runs as the user-assigned identity, which
// also pulls the deployment package from the storage account and resolves the Key Vault references.

@description('Name of the Function App.')
param name string

@description('Name of its Flex Consumption plan.')
param planName string

@description('Region of both.')
param location string

@description('Tags for both (the app also gets azd-service-name).')
param tags object

@description('Service name in azure.yaml: azd deploys that service to the resource tagged with it.')
param serviceName string

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of the user-assigned identity.')
param identityClientId string

@description('Storage account of the Functions host and the Durable task hub.')
param storageAccountName string

@description('Blob endpoint of that account (https://<account>.blob.core.windows.net/).')
param storageBlobEndpoint string

@description('Container of the deployment package in that account.')
param deploymentContainerName string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('Key Vault secret URI of the table store connection string.')
param tablesConnectionStringUri string

@description('Key Vault secret URI of the password of the HTTP Basic user root.')
param rootUserCredentialUri string

@description('Key Vault secret URI of the key that seals job secrets.')
param sealingKeyUri string

@description('Memory of one instance, in MB (512, 2048 or 4096).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Most instances the app may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      // Flex Consumption supports .NET 8, 9 and 10 in the isolated worker model:
      // https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan#supported-language-stack-versions
      // The version is major.minor, as for 8.0 and 9.0.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      // No FUNCTIONS_WORKER_RUNTIME or FUNCTIONS_EXTENSION_VERSION: Flex Consumption takes the
      // runtime from functionAppConfig and sets the host version itself.
      appSettings: [
        // The Functions host, the Durable task hub and the deployment package: identity, no keys.
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
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: applicationInsightsConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identityClientId};Authorization=AAD'
        }
        // The identity the app's own Azure SDK clients use (DefaultAzureCredential reads it).
        {
          name: 'AZURE_CLIENT_ID'
          value: identityClientId
        }
        {
          name: 'ContinuousLoad__Tables__Store'
          value: 'postgres'
        }
        {
          name: 'ContinuousLoad__Tables__ConnectionString'
          value: '@Microsoft.KeyVault(SecretUri=${tablesConnectionStringUri})'
        }
        {
          name: 'ContinuousLoad__Users__root'
          value: '@Microsoft.KeyVault(SecretUri=${rootUserCredentialUri})'
        }
        // Jobs run as Durable Functions here: their task hub is the host's (host.json extensions.durableTask, in the
        // storage account of AzureWebJobsStorage), so the standalone host's ContinuousLoad__Durable__* settings stay unset.
        // Every instance must open job secrets sealed by any other: one key for all.
        {
          name: 'ContinuousLoad__Secrets__Key'
          value: '@Microsoft.KeyVault(SecretUri=${sealingKeyUri})'
        }
        // The package the app runs from is read-only; error logs and scratch files go to the
        // instance's temporary disk (nothing there has to outlive the instance: tables, labels
        // and jobs live in PostgreSQL and the task hub).
        {
          name: 'ContinuousLoad__DataDirectory'
          value: '/tmp/continuousload'
        }
      ]
    }
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
