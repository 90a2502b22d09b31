// Key Vault (RBAC mode) holding the inference service's API key, the webhook signing secret, the invisible watermark's
// key and (made by the postprovision hook, or imported by you) the C2PA signing certificate. The Function App reads it through a Key Vault
// reference and the container app through a Key Vault secret reference, both with the managed identity, so the key
// never appears in app settings or in the template's outputs.
param name string
param location string
param tags object

@secure()
param inferenceApiKey string

@secure()
param webhookSigningKey string

@secure()
param watermarkKey string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource inferenceApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'inference-api-key'
  properties: {
    value: inferenceApiKey
    contentType: 'text/plain'
  }
}

// Standard Webhooks form: whsec_ + base64 of the key bytes.
resource webhookSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'webhook-secret'
  properties: {
    value: 'whsec_${base64(webhookSigningKey)}'
    contentType: 'text/plain'
  }
}

resource watermarkKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'watermark-key'
  properties: {
    value: watermarkKey
    contentType: 'text/plain'
  }
}

output id string = vault.id
output uri string = vault.properties.vaultUri
output watermarkKeySecretUri string = watermarkKeySecret.properties.secretUri
output name string = vault.name
output inferenceApiKeySecretUri string = inferenceApiKeySecret.properties.secretUri
output webhookSecretUri string = webhookSecret.properties.secretUri
