// Everything `azd up` provisions for SonicFunctions: one resource group holding storage, monitoring, a managed
// identity, Key Vault, the Flex Consumption Functions app, Event Grid, a container registry and a Container Apps
// environment with a serverless GPU profile for the inference service.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used in resource names and the azd-env-name tag.')
param environmentName string

// Serverless GPU workload profiles exist only in these regions; everything else is deployed beside them.
@description('Region for all resources (one with Container Apps serverless GPUs).')
@allowed([
  'australiaeast'
  'swedencentral'
  'westus3'
])
@metadata({ azd: { type: 'location' } })
param location string

@description('Serverless GPU for the inference app: T4 (16 GB) or A100 (80 GB).')
@allowed([
  'Consumption-GPU-NC8as-T4'
  'Consumption-GPU-NC24-A100'
])
param gpuWorkloadProfileType string = 'Consumption-GPU-NC8as-T4'

@description('Most GPU replicas at once (each needs GPU quota).')
@minValue(1)
param inferenceMaxReplicas int = 1

@description('Days after which intermediate artifacts in work/ are deleted.')
@minValue(1)
param workRetentionDays int = 7

@description('Instances of the Durable Functions group kept warm (0 saves money, 1 avoids cold starts of the orchestration).')
@minValue(0)
param durableAlwaysReady int = 1

@description('Object id of the deploying user, granted blob data access to upload the model folder; empty to skip.')
param principalId string = ''

@description('Whether the inference container app exists already (azd sets it), so re-provisioning keeps its image.')
param inferenceServiceExists bool = false

@secure()
@description('API key the Functions app presents to the inference service; azd generates one.')
@metadata({ azd: { type: 'generate', config: { length: 40, noSpecial: true } } })
param inferenceApiKey string

@secure()
@description('Key material of the webhook signing secret (stored in Key Vault as whsec_ + base64); azd generates it.')
@metadata({ azd: { type: 'generate', config: { length: 48, noSpecial: true } } })
param webhookSigningKey string

@secure()
@description('Key of the invisible watermark (stored in Key Vault); azd generates it once and keeps it, so later videos stay detectable.')
@metadata({ azd: { type: 'generate', config: { length: 48, noSpecial: true } } })
param watermarkKey string

@description('Name of the Key Vault certificate that signs C2PA manifests (EC P-256, exportable key); the postprovision hook makes a self-signed one if it is missing.')
param c2paCertificateName string = 'c2pa-signer'

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var gpuWorkloadProfileName = 'gpu'
var deploymentContainerName = 'app-package'
// One replica takes the whole GPU profile's share that Container Apps allows for it.
var gpuReplicaSize = {
  'Consumption-GPU-NC8as-T4': { cpu: '8', memory: '56Gi' }
  'Consumption-GPU-NC24-A100': { cpu: '24', memory: '220Gi' }
}

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  scope: resourceGroup
  name: 'identity'
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}sonic-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  scope: resourceGroup
  name: 'monitoring'
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  scope: resourceGroup
  name: 'storage'
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    workRetentionDays: workRetentionDays
    deploymentContainerName: deploymentContainerName
  }
}

module registry 'app/registry.bicep' = {
  scope: resourceGroup
  name: 'registry'
  params: {
    name: '${abbrs.containerRegistryRegistries}${resourceToken}'
    location: location
    tags: tags
  }
}

module keyVault 'app/keyvault.bicep' = {
  scope: resourceGroup
  name: 'keyvault'
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    inferenceApiKey: inferenceApiKey
    webhookSigningKey: webhookSigningKey
    watermarkKey: watermarkKey
  }
}

module speech 'app/speech.bicep' = {
  scope: resourceGroup
  name: 'speech'
  params: {
    name: '${abbrs.cognitiveServicesSpeech}${resourceToken}'
    location: location
    tags: tags
  }
}

module roles 'app/roles.bicep' = {
  scope: resourceGroup
  name: 'roles'
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    registryName: registry.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: keyVault.outputs.name
    speechAccountName: speech.outputs.name
    userPrincipalId: principalId
  }
}

module eventGrid 'app/eventgrid.bicep' = {
  scope: resourceGroup
  name: 'eventgrid'
  params: {
    name: '${abbrs.eventGridDomainsTopics}${resourceToken}'
    location: location
    tags: tags
    storageAccountId: storage.outputs.id
  }
}

module containerAppsEnvironment 'app/container-apps-environment.bicep' = {
  scope: resourceGroup
  name: 'container-apps-environment'
  params: {
    name: '${abbrs.appManagedEnvironments}${resourceToken}'
    location: location
    tags: tags
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    gpuWorkloadProfileType: gpuWorkloadProfileType
    gpuWorkloadProfileName: gpuWorkloadProfileName
  }
}

module inference 'app/inference.bicep' = {
  scope: resourceGroup
  name: 'inference'
  // The app pulls its image and reads its key with the identity: the roles must exist first.
  dependsOn: [ roles ]
  params: {
    name: '${abbrs.appContainerApps}inference-${resourceToken}'
    location: location
    tags: tags
    environmentId: containerAppsEnvironment.outputs.id
    gpuWorkloadProfileName: gpuWorkloadProfileName
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    registryLoginServer: registry.outputs.loginServer
    storageBlobEndpoint: storage.outputs.blobEndpoint
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    inferenceApiKeySecretUri: keyVault.outputs.inferenceApiKeySecretUri
    exists: inferenceServiceExists
    cpu: gpuReplicaSize[gpuWorkloadProfileType].cpu
    memory: gpuReplicaSize[gpuWorkloadProfileType].memory
    maxReplicas: inferenceMaxReplicas
  }
}

module functions 'app/functions.bicep' = {
  scope: resourceGroup
  name: 'functions'
  dependsOn: [ roles ]
  params: {
    planName: '${abbrs.webServerFarms}${resourceToken}'
    appName: '${abbrs.webSitesFunctions}${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    inferenceServiceUri: inference.outputs.uri
    inferenceApiKeySecretUri: keyVault.outputs.inferenceApiKeySecretUri
    webhookSecretUri: keyVault.outputs.webhookSecretUri
    watermarkKeySecretUri: keyVault.outputs.watermarkKeySecretUri
    keyVaultUri: keyVault.outputs.uri
    c2paCertificateName: c2paCertificateName
    speechEndpoint: speech.outputs.endpoint
    instanceMemoryMB: 4096
    maximumInstanceCount: 100
    durableAlwaysReady: durableAlwaysReady
  }
}

// azd stores these in the environment (.azure/<env>/.env); the hooks and README commands read them.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_FUNCTION_APP_NAME string = functions.outputs.name
output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME string = eventGrid.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output SONIC_C2PA_CERTIFICATE_NAME string = c2paCertificateName
output SONIC_API_URL string = 'https://${functions.outputs.defaultHostName}/api'
output SONIC_INFERENCE_URL string = inference.outputs.uri
