#!/usr/bin/env bash
# Orchestration overhead: the same tiny render 20 times through the durable worker (Azure Storage backend on
# Azurite, HTTP API) and 20 times in-process (`sonic render`), in one run. Per-job overhead = mean worker job time
# minus mean in-process render time. Target: <= 1.5 s per job.
#  - worker job time, client side: POST /api/videos -> GET shows "completed" (polled every 50 ms), jobs one at a time;
#    server side: updated_at - created_at of the orchestration (no polling error).
#  - in-process render time: the CLI's own "timings" total (model load and render, not .NET start-up); the CLI's
#    wall time per process is printed too.
# One warm-up job on each side is not counted (JIT, model generation, task hub creation).
# Measured 2026-12-07 on the shared 2-core dev box (20 jobs, baseline = the previous commit's gRPC-sidecar worker):
# this worker 1.05 s/job (POST -> completed), orchestration 0.94 s, in-process render 0.62 s -> overhead 0.43 s per
# job (0.32 s server side); baseline 1.08 s/job, overhead 0.46 s; ratio 0.98. Target met.
# Usage: bench/orchestration.sh [jobs] [baseline-worker.dll]   (default 20)   Needs: dotnet, ffmpeg, node/npm (Azurite), curl, jq, bc.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="${1:-20}"
# A second worker build to compare against in the same run (e.g. the previous commit's), optional.
baseline="${2:-}"
work="$(mktemp -d /tmp/sonic-bench-orch.XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

"$root/sonic" --help >/dev/null   # installs prerequisites (Azurite too) and builds the CLI, outside the timings
echo "[bench] building the worker (Release)…" >&2
dotnet build "$root/src/Sonic.Worker/Sonic.Worker.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
cli="$root/src/Sonic.Cli/bin/Release/net10.0/sonic.dll"
worker="$root/src/Sonic.Worker/bin/Release/net10.0/Sonic.Worker.dll"

# The tiny clip: 1 s of the bundled speech (not silent), the bundled portrait, smallest crop and output.
image="$root/samples/astronaut.png"
ffmpeg -v error -y -i "$root/samples/speech.wav" -t 1 "$work/clip.wav"
params='{"min_resolution":256,"output_resolution":360,"trim_silence":false}'
cli_params=(--min-resolution 256 --output-resolution 360 --trim-silence false)

source "$root/bench/azurite.sh"
wait_for() { # url seconds
  local deadline=$((SECONDS + $2))
  until curl -s -o /dev/null "$1"; do
    [ $SECONDS -lt $deadline ] || { echo "[bench] $1 did not answer in $2 s" >&2; tail -40 "$work"/*.log >&2 || true; exit 1; }
    sleep 0.2
  done
}
now() { date +%s.%N; }

# --- Azurite (in memory) and the worker --------------------------------------------------------------------------
start_azurite

start_worker() { # dll -> starts it on a fresh task hub and API port, sets $base
  local api; api=$(free_port)
  Sonic__Storage__ConnectionString="$conn" \
  Sonic__Worker__ApiUrls="http://127.0.0.1:$api" \
  Sonic__Worker__TaskHubName="bench$RANDOM" \
  Sonic__Worker__WatchUploads=false \
  Logging__LogLevel__Default=Warning \
    dotnet "$1" >"$work/worker.log" 2>&1 &
  worker_pid=$!; pids+=($worker_pid)
  base="http://127.0.0.1:$api"
  wait_for "$base/healthz" 120
}
submit() { # -> prints the job id
  curl -sf -X POST "$base/api/videos" -F "image=@$image" -F "audio=@$work/clip.wav" -F "parameters=$params" | jq -r .id
}
finish() { # id -> prints "client_seconds server_seconds" once completed (client time counted from $2)
  local id=$1 start=$2 status
  while :; do
    status=$(curl -sf "$base/api/videos/$id")
    case "$(jq -r .status <<<"$status")" in
      completed) break ;;
      failed|cancelled) echo "[bench] job $id: $status" >&2; tail -40 "$work/worker.log" >&2; exit 1 ;;
    esac
    sleep 0.05
  done
  local end; end=$(now)
  local c u server
  c=$(jq -r .created_at <<<"$status"); u=$(jq -r .updated_at <<<"$status")
  server=$(python3 -c "from datetime import datetime as d; import sys; print((d.fromisoformat(sys.argv[2])-d.fromisoformat(sys.argv[1])).total_seconds())" "$c" "$u")
  echo "$(echo "$end - $start" | bc -l) $server"
}
run_jobs() { # dll times-file label
  start_worker "$1"
  echo "[bench] warm-up job through the $3 worker…" >&2
  start=$(now); finish "$(submit)" "$start" >/dev/null
  : >"$2"
  for i in $(seq 1 "$jobs"); do
    start=$(now); id=$(submit); finish "$id" "$start" >>"$2"
    printf '\r[bench] %s worker job %d/%d' "$3" "$i" "$jobs" >&2
  done
  echo >&2
  kill "$worker_pid"; wait "$worker_pid" 2>/dev/null || true
}
run_jobs "$worker" "$work/worker.times" this
[ -z "$baseline" ] || run_jobs "$baseline" "$work/baseline.times" baseline

# --- the same renders in-process ----------------------------------------------------------------------------------
echo "[bench] warm-up render in-process…" >&2
dotnet "$cli" render "$image" "$work/clip.wav" -o "$work/warm.mp4" "${cli_params[@]}" --json >/dev/null 2>"$work/cli-warm.log"
: >"$work/cli.times"
for i in $(seq 1 "$jobs"); do
  start=$(now)
  dotnet "$cli" render "$image" "$work/clip.wav" -o "$work/cli-$i.mp4" "${cli_params[@]}" --json >"$work/cli-$i.json" 2>"$work/cli-$i.log"
  end=$(now)
  echo "$(jq '[.timings[].seconds] | add' "$work/cli-$i.json") $(echo "$end - $start" | bc -l)" >>"$work/cli.times"
  printf '\r[bench] in-process render %d/%d' "$i" "$jobs" >&2
done
echo >&2

mean() { awk -v c="$2" '{ s += $c } END { printf "%.3f", s / NR }' "$1"; }
worker_client=$(mean "$work/worker.times" 1); worker_server=$(mean "$work/worker.times" 2)
cli_render=$(mean "$work/cli.times" 1); cli_wall=$(mean "$work/cli.times" 2)
overhead_client=$(echo "$worker_client - $cli_render" | bc -l)
overhead_server=$(echo "$worker_server - $cli_render" | bc -l)
printf '%-44s %8s\n' "mean seconds per job ($jobs jobs, one at a time)" ""
printf '  %-42s %8.2f\n' "worker, POST -> seen completed" "$worker_client"
printf '  %-42s %8.2f\n' "worker, orchestration created -> completed" "$worker_server"
printf '  %-42s %8.2f\n' "in-process render (CLI timings total)" "$cli_render"
printf '  %-42s %8.2f\n' "in-process CLI process wall time" "$cli_wall"
printf '%-44s %8.2f\n' "overhead per job (client view)" "$overhead_client"
printf '%-44s %8.2f\n' "overhead per job (orchestration view)" "$overhead_server"
if [ -n "$baseline" ]; then
  base_client=$(mean "$work/baseline.times" 1); base_server=$(mean "$work/baseline.times" 2)
  printf '  %-42s %8.2f\n' "baseline worker, POST -> seen completed" "$base_client"
  printf '  %-42s %8.2f\n' "baseline worker, orchestration view" "$base_server"
  printf '%-44s %8.2f\n' "overhead per job, baseline (client view)" "$(echo "$base_client - $cli_render" | bc -l)"
  printf '%-44s %8.2f\n' "this / baseline, POST -> completed" "$(echo "$worker_client / $base_client" | bc -l)"
fi
echo "target: overhead <= 1.5 s per job — $( (( $(echo "$overhead_client <= 1.5" | bc -l) )) && echo met || echo NOT met)"
