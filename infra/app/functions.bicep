// Flex Consumption plan (FC1) and the Functions app (.NET 10 isolated). Every storage connection is identity-based
// (service URIs + the user-assigned identity); the deployment package is read from a blob container with that same
// identity, so nothing here needs an account key.
param planName string
param appName string
param location string
param tags object
param identityId string
param identityClientId string
param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string
param deploymentContainerName string
param applicationInsightsConnectionString string
param inferenceServiceUri string
param inferenceApiKeySecretUri string
param webhookSecretUri string
param watermarkKeySecretUri string
param keyVaultUri string
param c2paCertificateName string

@description('The Speech resource\'s custom-domain endpoint: scripts are spoken by Azure AI Speech neural voices.')
param speechEndpoint string

@description('Memory of one instance in MB (Flex Consumption: 512, 2048 or 4096).')
@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Instances kept warm for the Durable Functions group (orchestrators, activities, entities).')
@minValue(0)
param durableAlwaysReady int

// Where the publish target unpacks the static ffmpeg/ffprobe (infra/functions/BundleFfmpeg.targets); the app runs
// from /home/site/wwwroot on Linux.
var ffmpegFolder = '/home/site/wwwroot/tools/ffmpeg'

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  // azd finds the app to deploy the `functions` service into by this tag.
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references (the inference API key) resolve with the user-assigned identity.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        // The host's own storage: leases, keys, the Durable task hub (queues, tables) — identity-based.
        { name: 'AzureWebJobsStorage__blobServiceUri', value: storageBlobEndpoint }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: storageQueueEndpoint }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: storageTableEndpoint }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        // The blob trigger's connection (uploads/ and its poison queue).
        { name: 'SonicStorage__blobServiceUri', value: storageBlobEndpoint }
        { name: 'SonicStorage__queueServiceUri', value: storageQueueEndpoint }
        { name: 'SonicStorage__credential', value: 'managedidentity' }
        { name: 'SonicStorage__clientId', value: identityClientId }
        // The stages' artifact store (work, videos, results) through DefaultAzureCredential.
        { name: 'Sonic__Storage__ServiceUri', value: storageBlobEndpoint }
        { name: 'Sonic__Storage__ManagedIdentityClientId', value: identityClientId }
        { name: 'AZURE_CLIENT_ID', value: identityClientId }
        { name: 'Sonic__InferenceService__BaseUrl', value: inferenceServiceUri }
        { name: 'Sonic__InferenceService__ApiKey', value: '@Microsoft.KeyVault(SecretUri=${inferenceApiKeySecretUri})' }
        { name: 'Sonic__Webhooks__Secret', value: '@Microsoft.KeyVault(SecretUri=${webhookSecretUri})' }
        // Provenance: the watermark's key by reference; the C2PA certificate downloaded from the vault by the app itself.
        { name: 'Sonic__Provenance__WatermarkKey', value: '@Microsoft.KeyVault(SecretUri=${watermarkKeySecretUri})' }
        { name: 'Sonic__Provenance__KeyVaultUri', value: keyVaultUri }
        { name: 'Sonic__Provenance__SigningCertificateName', value: c2paCertificateName }
        { name: 'Sonic__Provenance__ManagedIdentityClientId', value: identityClientId }
        // Scripts: Azure AI Speech batch synthesis with the managed identity (no key).
        { name: 'Sonic__Speech__Provider', value: 'azure' }
        { name: 'Sonic__Speech__AzureEndpoint', value: speechEndpoint }
        { name: 'Sonic__Speech__ManagedIdentityClientId', value: identityClientId }
        { name: 'SONIC_FFMPEG_DIR', value: ffmpegFolder }
        // Fonts for burned-in captions, published beside ffmpeg (infra/functions/BundleFfmpeg.targets).
        { name: 'SONIC_FONTS_DIR', value: '/home/site/wwwroot/tools/fonts' }
        // Entra-authenticated telemetry (Application Insights has local auth disabled).
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
      ]
    }
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
        alwaysReady: [
          { name: 'durable', instanceCount: durableAlwaysReady }
        ]
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
