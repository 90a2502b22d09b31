// The Event Grid system topic on the storage account. Its BlobCreated subscription for uploads/ is created by
// infra/hooks/postdeploy.sh: the webhook URL needs the Functions host's blobs_extension system key, which exists only
// after the code is deployed and the host has started.
param name string
param location string
param tags object
param storageAccountId string

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: storageAccountId
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output name string = topic.name
