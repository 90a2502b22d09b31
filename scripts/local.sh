#!/usr/bin/env bash
# ./sonic local: the durable pipeline on this machine. Starts Azurite (data under .local/azurite), the inference
# service on loopback (as the GPU container app runs in Azure) and the worker (task hub, upload watcher, HTTP API),
# which calls the service over HTTP; prints how to use them, and stops all three on Ctrl+C.
#   SONIC_API_PORT (7071), SONIC_INFERENCE_PORT (7072), SONIC_BLOB_PORT (10000), SONIC_QUEUE_PORT (10001),
#   SONIC_TABLE_PORT (10002) override ports; SONIC_LOCAL_INFERENCE=inprocess keeps inference inside the worker.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"

api_port="${SONIC_API_PORT:-7071}"
inference_port="${SONIC_INFERENCE_PORT:-7072}"
inference_mode="${SONIC_LOCAL_INFERENCE:-service}"
blob_port="${SONIC_BLOB_PORT:-10000}"
queue_port="${SONIC_QUEUE_PORT:-10001}"
table_port="${SONIC_TABLE_PORT:-10002}"
data="$root/.local/azurite"
azurite="$root/.tools/azurite/node_modules/.bin/azurite"
dll="$root/src/Sonic.Worker/bin/Release/net10.0/Sonic.Worker.dll"
inference_dll="$root/src/Sonic.InferenceService/bin/Release/net10.0/Sonic.InferenceService.dll"
# Azurite's well-known development account and key (public, documented by Microsoft; not a secret).
account=devstoreaccount1
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
blob="http://127.0.0.1:$blob_port/$account"
conn="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=$blob;QueueEndpoint=http://127.0.0.1:$queue_port/$account;TableEndpoint=http://127.0.0.1:$table_port/$account;"

log() { printf '[local] %s\n' "$*" >&2; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for() { # port, what, pid
  for _ in $(seq 1 600); do
    port_open "$1" && return 0
    kill -0 "$3" 2>/dev/null || { log "$2 exited while starting"; return 1; }
    sleep 0.1
  done
  log "$2 did not open port $1 within 60 s"; return 1
}

for port in "$blob_port" "$queue_port" "$table_port" "$api_port" "$inference_port"; do
  if port_open "$port"; then log "port $port is already in use (another ./sonic local?); set SONIC_*_PORT"; exit 1; fi
done

# Build the worker when it is missing or any source is newer (as ./sonic does for the CLI).
if [ ! -f "$dll" ] || [ ! -f "$inference_dll" ] || [ -n "$(find "$root/src" "$root/Directory.Build.props" "$root/Directory.Packages.props" \
      \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' \) -newer "$dll" -not -path '*/obj/*' -not -path '*/bin/*' -print -quit)" ]; then
  log "building the worker and the inference service (once)…"
  dotnet build "$root/src/Sonic.Worker/Sonic.Worker.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
  dotnet build "$root/src/Sonic.InferenceService/Sonic.InferenceService.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
fi

worker_pid=""
inference_pid=""
azurite_pid=""
alive() { local state; state="$(ps -o stat= -p "$1" 2>/dev/null)"; [ -n "$state" ] && [ "${state:0:1}" != Z ]; }
stop() { # pid name signal seconds: ask, then insist (Azurite closes its servers on SIGINT but its process lingers)
  [ -n "$1" ] && alive "$1" || return 0
  kill "-$3" "$1" 2>/dev/null || return 0
  for _ in $(seq 1 "$(( $4 * 10 ))"); do alive "$1" || { wait "$1" 2>/dev/null || true; return 0; }; sleep 0.1; done
  [ "$2" = Azurite ] || log "$2 did not stop within $4 s; killing it"
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
cleanup() {
  trap - INT TERM EXIT
  # Only what this script started: the worker first, while the storage it checkpoints to is still up.
  stop "$worker_pid" "the worker" TERM 15
  stop "$inference_pid" "the inference service" TERM 10
  stop "$azurite_pid" Azurite INT 5
  log "stopped"
  exit 0
}
trap cleanup INT TERM EXIT

mkdir -p "$data"
# Its own session, so Ctrl+C reaches the worker first and Azurite stays up until the worker has stopped.
setsid "$azurite" --silent --skipApiVersionCheck --loose --location "$data" \
  --blobHost 127.0.0.1 --blobPort "$blob_port" --queueHost 127.0.0.1 --queuePort "$queue_port" \
  --tableHost 127.0.0.1 --tablePort "$table_port" >/dev/null &
azurite_pid=$!
for port in "$blob_port" "$queue_port" "$table_port"; do wait_for "$port" Azurite "$azurite_pid"; done
log "Azurite is up (data in ${data#"$root"/})"

inference_url=""
if [ "$inference_mode" = service ]; then
  # The inference service reads the job's preprocessed artifacts from work/ and writes frames back (issue 5).
  Sonic__Storage__ConnectionString="$conn" ASPNETCORE_URLS="http://127.0.0.1:$inference_port" \
    Logging__LogLevel__Microsoft=Warning dotnet "$inference_dll" &
  inference_pid=$!
  wait_for "$inference_port" "the inference service" "$inference_pid"
  inference_url="http://127.0.0.1:$inference_port"
  log "inference service is up on $inference_url"
fi

# A webhook signing secret made once for this checkout (kept in .local, never committed); callbacks may go to
# http://127.0.0.1 here, and only here.
secret_file="$root/.local/webhook-secret"
[ -s "$secret_file" ] || printf 'whsec_%s\n' "$(head -c 32 /dev/urandom | base64 -w0)" > "$secret_file"
webhook_secret="$(cat "$secret_file")"

# The worker creates the containers (uploads, work, videos with public blob read, results) and the task hub.
Sonic__Storage__ConnectionString="$conn" Sonic__Worker__ApiUrls="http://127.0.0.1:$api_port" \
  Sonic__Provenance__DevelopmentCertificateFolder="${Sonic__Provenance__DevelopmentCertificateFolder:-$root/.local/c2pa}" \
  Sonic__InferenceService__BaseUrl="$inference_url" \
  Sonic__Webhooks__Secret="$webhook_secret" Sonic__Webhooks__AllowLoopback=true \
  Logging__LogLevel__DurableTask=Warning Logging__LogLevel__Microsoft=Warning \
  dotnet "$dll" &
worker_pid=$!
wait_for "$api_port" "the worker" "$worker_pid"

# A container SAS for uploads (create/write/read/list, 1 day), so plain curl can drop files into Azurite.
expiry="$(date -u -d '+1 day' '+%Y-%m-%dT%H:%M:%SZ')"
version=2021-08-06
# String to sign for a service SAS, version 2020-12-06 and later (fields: sp st se resource si sip spr sv sr snapshot
# encryption-scope rscc rscd rsce rscl rsct); piped, not captured, so the trailing empty fields keep their newlines.
hexkey="$(printf '%s' "$key" | base64 -d | od -An -v -tx1 | tr -d ' \n')"
signature="$(printf 'racwl\n\n%s\n/blob/%s/uploads\n\n\n\n%s\nc\n\n\n\n\n\n\n' "$expiry" "$account" "$version" \
  | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$hexkey" -binary | base64 -w0)"
urlencode() { local s="$1" out="" c; for (( i=0; i<${#s}; i++ )); do c="${s:i:1}"; case "$c" in [a-zA-Z0-9.~_-]) out+="$c";; *) out+="$(printf '%%%02X' "'$c")";; esac; done; printf '%s' "$out"; }
sas="sv=$version&sr=c&sp=racwl&se=$(urlencode "$expiry")&sig=$(urlencode "$signature")"

api="http://127.0.0.1:$api_port"
cat <<TXT

  Storage connection string (Azurite):
    $conn

  Studio:     $api/   (open it in a browser: drop a portrait and a recording or a script, press Render)
  HTTP API:   $api/api/videos
  Inference:  ${inference_url:-in the worker process (SONIC_LOCAL_INFERENCE=inprocess)}
  Videos:     $blob/videos/<job id>/<name>.mp4   (public read)
  Results:    container 'results', <stem>.json for every dropped pair
  Webhooks:   signed with $webhook_secret
              (callback_url may be http://127.0.0.1:<port>/… locally; https and public hosts only in Azure)

  Drop a pair (parameters first, optional; then the image and the audio with the same stem):
    curl -sf -X PUT -H 'x-ms-blob-type: BlockBlob' --data-binary '{"min_resolution":512}' '$blob/uploads/anna.json?$sas'
    curl -sf -X PUT -H 'x-ms-blob-type: BlockBlob' -T photo.jpg  '$blob/uploads/anna.jpg?$sas'
    curl -sf -X PUT -H 'x-ms-blob-type: BlockBlob' -T speech.wav '$blob/uploads/anna.wav?$sas'
  or with the Azure CLI:
    az storage blob upload --connection-string '$conn' -c uploads -n anna.jpg -f photo.jpg

  HTTP API:
    curl -s -F image=@photo.jpg -F audio=@speech.wav -F 'parameters={"file_name":"Anna"}' $api/api/videos
    curl -s $api/api/videos/<id>
    curl -s -X DELETE $api/api/videos/<id>
    curl -s $api/api/videos

  Ctrl+C stops the worker, the inference service and Azurite.
TXT

wait -n "$worker_pid" "$azurite_pid" ${inference_pid:+"$inference_pid"} || true
log "a process exited; stopping the rest"
