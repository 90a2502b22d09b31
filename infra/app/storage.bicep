// The storage account for everything: the Functions host (keys, leases, Durable task hub), the pipeline's containers
// and the Flex Consumption deployment package. Shared keys are off; every client authenticates with Entra ID.
param name string
param location string
param tags object

@description('Days after which blobs under work/ are deleted.')
@minValue(1)
param workRetentionDays int

@description('Container that holds the Function App\'s deployment package (Flex Consumption).')
param deploymentContainerName string

// Every container is private except videos, whose blobs (not listings) are readable anonymously so a finished MP4
// can be shared as a plain URL. models holds the operator's Sonic ONNX folder for the inference app.
var containers = [
  { name: 'uploads', publicAccess: 'None' }
  { name: 'work', publicAccess: 'None' }
  { name: 'results', publicAccess: 'None' }
  { name: 'videos', publicAccess: 'Blob' }
  { name: 'models', publicAccess: 'None' }
  { name: deploymentContainerName, publicAccess: 'None' }
]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    // Required at account level for the one public container (videos); each container still opts in.
    allowBlobPublicAccess: true
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    // Anonymous requests are answered with this service version; older defaults (2009-09-19) ignore Range headers,
    // so browsers could not seek in a video.
    defaultServiceVersion: '2021-08-06'
    cors: {
      corsRules: [
        {
          allowedOrigins: [ '*' ]
          allowedMethods: [ 'GET', 'HEAD', 'OPTIONS' ]
          allowedHeaders: [ 'Range', 'If-Match', 'If-None-Match' ]
          exposedHeaders: [ 'Content-Length', 'Content-Range', 'Accept-Ranges', 'ETag' ]
          maxAgeInSeconds: 3600
        }
      ]
    }
    deleteRetentionPolicy: { enabled: true, days: 7 }
  }
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for container in containers: {
    parent: blobService
    name: container.name
    properties: { publicAccess: container.publicAccess }
  }
]

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-work-artifacts'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [ 'blockBlob' ]
              prefixMatch: [ 'work/' ]
            }
            actions: {
              baseBlob: { delete: { daysAfterModificationGreaterThan: workRetentionDays } }
            }
          }
        }
      ]
    }
  }
}

output id string = account.id
output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
