#!/usr/bin/env bash
# Where one job's time goes: one 10 s clip end-to-end through the topology `./sonic local` runs — Azurite, the
# inference service on loopback and the worker calling it over HTTP — then a table of the job's time by stage, from
# the job's own "timings" (GET /api/videos/{id} → result.timings, see README "HTTP API"):
#  - validate, preprocess, postprocess (the plan), publish: each activity as the orchestration saw it (dispatch in it);
#  - queue wait and inference: the inference service's own figures (status queued_seconds, inference.json timings);
#  - transfer: the service reading its inputs and uploading frames.mkv, and encode's downloads and video.mp4 upload;
#  - decode, composite, post, encode: encode's frame loop as it measured itself;
#  - orchestration overhead = total − the stages: start-up of the instance, activity dispatch between stages, the
#    inference plan activity and the submit/poll cadence (durable timers, PollInitial 2 s doubling to PollMax 15 s, cut short by the progress-based PollCadence;
#    the Sonic__InferenceService__Poll* environment variables pass through to the worker).
# Total = the orchestration's created_at → updated_at (server side); the client's POST → seen-completed is printed too.
# A 1 s warm-up job runs first and is not counted (JIT, task hub creation); SONIC_BENCH_WARMUP=0 skips it.
# SONIC_BENCH_KEEP=1 keeps the work folder with the Azurite, service and worker logs.
# Measured 2026-11-25 on the shared 2-core dev box (builtin animator, CPU): total 19.5 s, inference 5.40 s, queue 0 s,
# transfers 0.13 s, decode + composite + post + encode 5.73 s, overhead 7.25 s — the poll that saw the finished job
# came 8 s after the one before; with PollInitial 0.5 s / PollMax 1 s the overhead was 0.23 s of 18.2 s.
# Usage: bench/stages.sh [portrait] [speech]   (defaults: samples/astronaut.png and samples/speech.wav)
#        SONIC_BENCH_PARAMS overrides the job's parameters (default: 512 px crop, no silence trimming).
# Needs: dotnet, ffmpeg, node (Azurite, installed by scripts/setup.sh), curl, jq, bc, python3 (free ports).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
image="${1:-$root/samples/astronaut.png}"
speech="${2:-$root/samples/speech.wav}"
default_params='{"min_resolution":512,"trim_silence":false}'
params="${SONIC_BENCH_PARAMS:-$default_params}"
work="$(mktemp -d /tmp/sonic-bench-stages.XXXXXX)"
pids=()
cleanup() { # only what this script started; each gets TERM, then KILL after 10 s
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ -n "${SONIC_BENCH_KEEP:-}" ]; then echo "[bench] logs kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
log() { printf '[bench] %s\n' "$*" >&2; }

"$root/scripts/setup.sh"   # ffmpeg, the face detector and Azurite, once
log "building the worker and the inference service (Release)…"
dotnet build "$root/src/Sonic.Worker/Sonic.Worker.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
dotnet build "$root/src/Sonic.InferenceService/Sonic.InferenceService.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
worker_dll="$root/src/Sonic.Worker/bin/Release/net10.0/Sonic.Worker.dll"
service_dll="$root/src/Sonic.InferenceService/bin/Release/net10.0/Sonic.InferenceService.dll"

ffmpeg -v error -y -stream_loop 2 -i "$speech" -t 10 "$work/clip10.wav"
ffmpeg -v error -y -i "$speech" -t 1 "$work/clip1.wav"

source "$root/bench/azurite.sh"
wait_for() { # url seconds what pid
  local deadline=$((SECONDS + $2))
  until curl -sf -o /dev/null "$1"; do
    kill -0 "$4" 2>/dev/null || { log "$3 exited while starting"; tail -40 "$work"/*.log >&2 || true; exit 1; }
    [ $SECONDS -lt $deadline ] || { log "$3 did not answer $1 in $2 s"; tail -40 "$work"/*.log >&2 || true; exit 1; }
    sleep 0.2
  done
}
now() { date +%s.%N; }

# --- Azurite (in memory), the inference service, the worker ------------------------------------------------------
start_azurite
api=$(free_port); inference=$(free_port)

# The worker creates the containers; the service only reads and writes work/{jobId}/ once a job comes.
Sonic__Storage__ConnectionString="$conn" ASPNETCORE_URLS="http://127.0.0.1:$inference" \
Logging__LogLevel__Default=Warning \
  dotnet "$service_dll" >"$work/inference.log" 2>&1 &
pids+=($!)
service="http://127.0.0.1:$inference"
wait_for "$service/readyz" 180 "the inference service" "${pids[-1]}"   # readyz: the model is warmed up

Sonic__Storage__ConnectionString="$conn" \
Sonic__Worker__ApiUrls="http://127.0.0.1:$api" \
Sonic__Worker__TaskHubName="stages$RANDOM" \
Sonic__Worker__WatchUploads=false \
Sonic__InferenceService__BaseUrl="$service" \
Logging__LogLevel__Default=Warning \
  dotnet "$worker_dll" >"$work/worker.log" 2>&1 &
pids+=($!)
base="http://127.0.0.1:$api"
wait_for "$base/healthz" 180 "the worker" "${pids[-1]}"

run_job() { # clip params -> writes the final status JSON to $work/status.json and the client seconds to stdout
  local clip=$1 job_params=$2 start id status
  start=$(now)
  id=$(curl -sf -X POST "$base/api/videos" -F "image=@$image" -F "audio=@$clip" -F "parameters=$job_params" | jq -r .id)
  [ -n "$id" ] && [ "$id" != null ] || { log "the job was not accepted"; tail -40 "$work/worker.log" >&2; exit 1; }
  while :; do
    status=$(curl -sf "$base/api/videos/$id")
    case "$(jq -r .status <<<"$status")" in
      completed) break ;;
      failed|cancelled) log "job $id: $status"; tail -40 "$work/worker.log" "$work/inference.log" >&2; exit 1 ;;
    esac
    sleep 0.1
  done
  echo "$(now) - $start" | bc -l >"$work/client.seconds"
  printf '%s' "$status" >"$work/status.json"
}

if [ "${SONIC_BENCH_WARMUP:-1}" != 0 ]; then
  log "warm-up: a 1 s job, not counted…"
  run_job "$work/clip1.wav" '{"min_resolution":256,"output_resolution":360,"trim_silence":false}'
fi
log "the measured job: 10 s of $(basename "$speech") with $(basename "$image"), parameters $params…"
run_job "$work/clip10.wav" "$params"

status=$(cat "$work/status.json")
id=$(jq -r .id <<<"$status")
total=$(python3 -c "from datetime import datetime as d; import sys; print((d.fromisoformat(sys.argv[2])-d.fromisoformat(sys.argv[1])).total_seconds())" \
  "$(jq -r .created_at <<<"$status")" "$(jq -r .updated_at <<<"$status")")
client=$(cat "$work/client.seconds")
jq -e '.result.timings | length > 0' <<<"$status" >/dev/null || { log "the job reported no timings: $status"; exit 1; }
seconds() { jq -r --arg s "$1" '[.result.timings[] | select(.stage == $s) | .seconds] | add // 0' <<<"$status"; }
service_status=$(curl -sf "$service/v1/jobs/$id" || echo '{}')

row() { printf '  %-52s %9.2f %7.1f%%\n' "$1" "$2" "$(echo "100 * $2 / $total" | bc -l)"; }
stages=0
printf '\nOne job, %s s of audio, %s → %s (%s)\n' "$(jq -r .result.duration <<<"$status")" "$(basename "$image")" \
  "$(jq -r .result.file_name <<<"$status")" "$(jq -r '.result.animator.name + " on " + .result.animator.execution_provider' <<<"$status")"
printf '  %-52s %9s %8s\n' stage seconds share
printf '  %s\n' "$(printf '%.0s-' $(seq 1 71))"
for spec in \
  "validate|validate" \
  "preprocess|preprocess (audio, face, crop, features)" \
  "inference_queue|queue wait (inference service queue)" \
  "inference|inference (animator, frames.mkv written locally)" \
  "inference_transfer|transfer: service reads inputs, uploads frames.mkv" \
  "postprocess|postprocess (paste-back and post plan)" \
  "encode_transfer|transfer: encode downloads, uploads video.mp4" \
  "decode|decode frames.mkv" \
  "composite|composite (paste-back)" \
  "post|post (smoothing, mouth, lip-sync, watermark)" \
  "encode|encode (ffmpeg H.264/AAC)" \
  "publish|publish"; do
  IFS='|' read -r stage label <<<"$spec"
  s=$(seconds "$stage")
  stages=$(echo "$stages + $s" | bc -l)
  row "$label" "$s"
done
printf '  %s\n' "$(printf '%.0s-' $(seq 1 71))"
row "sum of stages" "$stages"
row "orchestration overhead (total - sum)" "$(echo "$total - $stages" | bc -l)"
row "total (orchestration created -> completed)" "$total"
printf '  %-52s %9.2f\n' "client: POST -> seen completed (polled every 0.1 s)" "$client"
printf '  %-52s %9s\n' "service's own view: queued_seconds / run_seconds" \
  "$(jq -r '"\(.queued_seconds // "?") / \(.run_seconds // "?")"' <<<"$service_status")"
