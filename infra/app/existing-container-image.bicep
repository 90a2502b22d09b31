// The image the inference app runs now, so that `azd provision` after a deploy keeps it instead of resetting the app
// to the placeholder image (azd passes SERVICE_INFERENCE_RESOURCE_EXISTS).
param exists bool
param name string

resource existingApp 'Microsoft.App/containerApps@2024-03-01' existing = if (exists) {
  name: name
}

output image string = exists ? existingApp!.properties.template.containers[0].image : ''
