// The GPU inference service as a Container App on the serverless GPU profile. It scales to zero (no GPU cost while
// idle) and wakes on the orchestration's first HTTP call. Ingress is public HTTPS but every /v1 call needs the API
// key; the key reaches the container as a Key Vault secret reference resolved with the managed identity.
param name string
param location string
param tags object
param environmentId string
param gpuWorkloadProfileName string
param identityId string
param identityClientId string
param registryLoginServer string
param storageBlobEndpoint string
param applicationInsightsConnectionString string
param inferenceApiKeySecretUri string
param exists bool

@description('CPU cores and memory for one replica; must fit the GPU profile (T4: 8 cores, 56 GiB; A100: 24 cores, 220 GiB).')
param cpu string
param memory string

@minValue(1)
param maxReplicas int

// Until azd deploys the real image, a public placeholder keeps the app valid.
var placeholderImage = 'mcr.microsoft.com/azuredocs/containerapps-helloworld:latest'
var modelsMountPath = '/models'

module current 'existing-container-image.bicep' = {
  name: '${name}-current-image'
  params: {
    exists: exists
    name: name
  }
}

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  // azd finds the app to deploy the `inference` service into by this tag.
  tags: union(tags, { 'azd-service-name': 'inference' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: gpuWorkloadProfileName
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'auto'
        allowInsecure: false
      }
      registries: [
        { server: registryLoginServer, identity: identityId }
      ]
      secrets: [
        { name: 'inference-api-key', keyVaultUrl: inferenceApiKeySecretUri, identity: identityId }
      ]
    }
    template: {
      // Copies the operator's model folder (models container, sonic/ prefix) onto the replica before the service
      // starts; an empty container leaves the folder empty and the service serves the built-in animator only.
      initContainers: [
        {
          name: 'fetch-models'
          image: 'mcr.microsoft.com/azure-cli:latest'
          command: [ '/bin/sh', '-c' ]
          args: [
            'az login --identity --client-id "$AZURE_CLIENT_ID" --allow-no-subscriptions --output none && az storage blob download-batch --auth-mode login --blob-endpoint "$MODELS_BLOB_ENDPOINT" --source models --pattern "sonic/*" --destination "${modelsMountPath}" --output none'
          ]
          env: [
            { name: 'AZURE_CLIENT_ID', value: identityClientId }
            { name: 'MODELS_BLOB_ENDPOINT', value: storageBlobEndpoint }
          ]
          resources: { cpu: json('1'), memory: '2Gi' }
          volumeMounts: [ { volumeName: 'models', mountPath: modelsMountPath } ]
        }
      ]
      containers: [
        {
          name: 'inference'
          image: empty(current.outputs.image) ? placeholderImage : current.outputs.image
          resources: { cpu: json(cpu), memory: memory }
          env: [
            { name: 'ASPNETCORE_HTTP_PORTS', value: '8080' }
            { name: 'AZURE_CLIENT_ID', value: identityClientId }
            { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
            { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
            { name: 'Sonic__Storage__ServiceUri', value: storageBlobEndpoint }
            { name: 'Sonic__Storage__ManagedIdentityClientId', value: identityClientId }
            { name: 'Sonic__InferenceServer__ApiKey', secretRef: 'inference-api-key' }
            { name: 'Sonic__Models__SonicDirectory', value: '${modelsMountPath}/sonic' }
          ]
          volumeMounts: [ { volumeName: 'models', mountPath: modelsMountPath } ]
          probes: [
            {
              type: 'Startup'
              httpGet: { path: '/healthz', port: 8080 }
              periodSeconds: 10
              failureThreshold: 30
            }
            {
              type: 'Liveness'
              httpGet: { path: '/healthz', port: 8080 }
              periodSeconds: 30
              failureThreshold: 3
            }
            {
              // Not ready until models are loaded and warmed up, so no job is routed to a cold replica.
              type: 'Readiness'
              httpGet: { path: '/readyz', port: 8080 }
              periodSeconds: 10
              failureThreshold: 3
            }
          ]
        }
      ]
      volumes: [ { name: 'models', storageType: 'EmptyDir' } ]
      scale: {
        // Zero replicas while idle: the GPU is billed only while a replica runs.
        minReplicas: 0
        maxReplicas: maxReplicas
        rules: [
          {
            // Calls are short (submit, then poll), so HTTP traffic wakes the app from zero and the polls keep it up
            // while a job runs; the service's own bounded queue (one job per GPU) limits the work per replica.
            name: 'http-requests'
            http: { metadata: { concurrentRequests: '10' } }
          }
        ]
      }
    }
  }
}

output name string = app.name
output uri string = 'https://${app.properties.configuration.ingress.fqdn}'
