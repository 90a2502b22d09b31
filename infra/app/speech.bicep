// Azure AI Speech for scripts (issue 17): neural voices through the batch synthesis REST API. Entra ID only — local
// (key) auth is disabled, and Entra needs the custom subdomain; the Function App signs in with the shared managed
// identity, which roles.bicep gives Cognitive Services Speech User on this account alone.
param name string
param location string
param tags object

resource speech 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: 'SpeechServices'
  // Batch synthesis is not offered on the free tier.
  sku: { name: 'S0' }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

output name string = speech.name
output endpoint string = 'https://${name}.cognitiveservices.azure.com'
