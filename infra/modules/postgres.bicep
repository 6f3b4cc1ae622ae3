// The table store: Azure Database for PostgreSQL Flexible Server (Burstable B1ms, PostgreSQL 16, 32 GB)
// with one database. Password authentication; TLS stays required (require_secure_transport keeps its
// default, on). Every instance of the Function App shares this one store.

@description('Name of the server (it becomes <name>.postgres.database.azure.com).')
param name string

@description('Region of the server.')
param location string

@description('Tags for the server.')
param tags object

@description('Administrator login.')
param administratorLogin string

@secure()
@description('Administrator password.')
param administratorLoginPassword string

@description('Database the app keeps its tables in.')
param databaseName string

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    version: '16'
    administratorLogin: administratorLogin
    administratorLoginPassword: administratorLoginPassword
    authConfig: {
      passwordAuth: 'Enabled'
      activeDirectoryAuth: 'Disabled'
    }
    storage: {
      storageSizeGB: 32
      autoGrow: 'Disabled'
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    network: {
      publicNetworkAccess: 'Enabled'
    }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: server
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// 0.0.0.0-0.0.0.0 is Azure's convention for "any Azure service" (the Function App's outbound
// addresses change as it scales); the rest of the internet stays out.
resource allowAzureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: server
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

output name string = server.name
output fullyQualifiedDomainName string = server.properties.fullyQualifiedDomainName
output databaseName string = database.name
