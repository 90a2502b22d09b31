#!/bin/sh
# azd postdeploy hook: subscribes the Functions app's Event Grid blob trigger to BlobCreated events in uploads/.
# The webhook URL carries the host's blobs_extension system key, which the host creates on its first start after
# deployment, so the key is polled with retries. Re-running is safe: the subscription is created or updated.
# Needs the Azure CLI signed in (az login); azd provides the variables below from the provisioning outputs.
set -eu

: "${AZURE_RESOURCE_GROUP:?run through azd (azd up / azd deploy) or export AZURE_RESOURCE_GROUP}"
: "${AZURE_FUNCTION_APP_NAME:?missing AZURE_FUNCTION_APP_NAME}"
: "${AZURE_EVENTGRID_SYSTEM_TOPIC_NAME:?missing AZURE_EVENTGRID_SYSTEM_TOPIC_NAME}"
function_name="${SONIC_UPLOAD_FUNCTION:-DispatchUpload}"   # [Function] name of the uploads blob trigger
attempts="${SONIC_HOOK_ATTEMPTS:-30}"
delay="${SONIC_HOOK_DELAY_SECONDS:-10}"

log() { printf '[postdeploy] %s\n' "$*" >&2; }

host=$(az functionapp show -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" --query defaultHostName -o tsv)

key=""
i=1
while [ "$i" -le "$attempts" ]; do
  # A request wakes the host so it writes its system keys; failures here are expected while it starts.
  curl -s -o /dev/null --max-time 20 "https://$host/" || true
  key=$(az functionapp keys list -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" \
        --query "systemKeys.blobs_extension" -o tsv 2>/dev/null || true)
  if [ -n "$key" ]; then
    break
  fi
  log "blobs_extension key not there yet (attempt $i/$attempts); retrying in ${delay}s"
  i=$((i + 1))
  sleep "$delay"
done
if [ -z "$key" ]; then
  log "the Functions host never exposed the blobs_extension key; check the app's logs, then run: azd hooks run postdeploy"
  exit 1
fi

endpoint="https://$host/runtime/webhooks/blobs?functionName=Host.Functions.$function_name&code=$key"

i=1
while :; do
  # Whole-blob writes only (PutBlob, PutBlockList, CopyBlob, FlushWithClose): no events for each appended block.
  if az eventgrid system-topic event-subscription create \
      --name uploads-blob-created \
      --resource-group "$AZURE_RESOURCE_GROUP" \
      --system-topic-name "$AZURE_EVENTGRID_SYSTEM_TOPIC_NAME" \
      --endpoint-type webhook \
      --endpoint "$endpoint" \
      --included-event-types Microsoft.Storage.BlobCreated \
      --subject-begins-with /blobServices/default/containers/uploads/ \
      --advanced-filter data.api stringin CopyBlob PutBlob PutBlockList FlushWithClose \
      --max-delivery-attempts 30 \
      --event-ttl 1440 \
      --output none; then
    log "Event Grid subscription uploads-blob-created -> $function_name is in place"
    exit 0
  fi
  # Event Grid validates the webhook with a handshake that fails until the extension answers; retry.
  if [ "$i" -ge "$attempts" ]; then
    log "could not create the Event Grid subscription after $attempts attempts"
    exit 1
  fi
  log "subscription not created yet (attempt $i/$attempts); retrying in ${delay}s"
  i=$((i + 1))
  sleep "$delay"
done
