#!/usr/bin/env bash
# What the face cache saves on a batch: one portrait, 20 short items, rendered by the worker on Azurite (inference in
# the worker) with Sonic__FaceCache__Enabled=true and =false, in the same run, per animator:
#  - builtin: the preprocess stage per item (decode, orientation, detection, crop and resize vs. a cache copy);
#  - sonic on the arithmetic stand-in networks the tests build (the real ≈10 GB weights are not available here): the
#    inference stage per item, which includes the portrait's conditioning (CLIP image embedding + VAE latent) or its
#    reuse. The stand-ins' CLIP and VAE are tiny, so this prices the engine's side of the reuse, not ViT-H/14's.
# Prints mean seconds per item for each stage of the items' own timings, the batch's wall time, and the ratio.
# Usage: bench/face-cache.sh [items] [portrait] [speech]   (default 20, samples/astronaut.png, samples/speech.wav)
# Needs what ./test.sh needs (dotnet, ffmpeg, Azurite via scripts/setup.sh), curl, jq, python3.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
items="${1:-20}"
image="${2:-$root/samples/astronaut.png}"
speech="${3:-$root/samples/speech.wav}"
work="$(mktemp -d /tmp/sonic-bench-facecache.XXXXXX)"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "${SONIC_BENCH_KEEP:-}" ]; then echo "[bench] logs kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
log() { printf '[bench] %s\n' "$*" >&2; }

"$root/scripts/setup.sh" >/dev/null
log "building the worker (Release) and the stand-in Sonic networks…"
dotnet build "$root/src/Sonic.Worker/Sonic.Worker.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
SONIC_WRITE_TEST_MODELS="$work/models" dotnet test "$root/tests/Sonic.Inference.Tests" -c Release \
  --filter "FullyQualifiedName~ArithmeticModelFolderTests" >"$work/models.log" 2>&1 \
  || { log "could not write the stand-in models:"; tail -20 "$work/models.log" >&2; exit 1; }
worker_dll="$root/src/Sonic.Worker/bin/Release/net10.0/Sonic.Worker.dll"
ffmpeg -v error -y -ss 0.5 -i "$speech" -t 2 -ac 1 -ar 16000 "$work/item.wav"

source "$root/bench/azurite.sh"
start_azurite

run_batch() { # cache model params -> prints "wall mean_preprocess mean_inference hits"
  local cache=$1 model=$2 params=$3 api pid base id status start
  api=$(free_port)
  Sonic__Storage__ConnectionString="$conn" Sonic__Worker__ApiUrls="http://127.0.0.1:$api" \
  Sonic__Worker__TaskHubName="cache$RANDOM" Sonic__Worker__WatchUploads=false \
  Sonic__FaceCache__Enabled="$cache" Sonic__Models__SonicDirectory="$work/models" \
  Logging__LogLevel__Default=Warning \
    dotnet "$worker_dll" >"$work/worker-$model-$cache.log" 2>&1 &
  pid=$!
  base="http://127.0.0.1:$api"
  until curl -sf -o /dev/null "$base/healthz"; do kill -0 "$pid" || { tail -20 "$work/worker-$model-$cache.log" >&2; exit 1; }; sleep 0.2; done
  # A new copy of the portrait per run (bytes after the end change its hash, not its picture): no run reuses another's cache.
  cp "$image" "$work/portrait-$model-$cache.${image##*.}"; printf '%s' "$model$cache" >>"$work/portrait-$model-$cache.${image##*.}"
  local form=(-F "image=@$work/portrait-$model-$cache.${image##*.}" -F "parameters=$params")
  for i in $(seq 1 "$items"); do form+=(-F "audio=@$work/item.wav;filename=item-$i.wav"); done
  start=$(date +%s.%N)
  id=$(curl -sf -X POST "$base/api/batches" "${form[@]}" | jq -r .id)
  while :; do
    status=$(curl -sf "$base/api/batches/$id")
    [ "$(jq -r .status <<<"$status")" = completed ] && break
    sleep 0.5
  done
  local wall; wall=$(echo "$(date +%s.%N) - $start" | bc -l)
  [ "$(jq -r .counts.completed <<<"$status")" = "$items" ] || { log "not every item completed: $(jq -c .counts <<<"$status")"; tail -30 "$work/worker-$model-$cache.log" >&2; exit 1; }
  kill "$pid"; wait "$pid" 2>/dev/null || true
  jq -r --arg wall "$wall" '
    def mean(s): [.items[].result.timings[] | select(.stage == s) | .seconds] | add / length;
    "\($wall) \(mean("preprocess")) \(mean("inference")) \([.items[] | select(.result.face_cache == "hit")] | length)"' <<<"$status"
}

printf '\n%d items of 2 s, one portrait (%s), %s cores, %s\n' "$items" "$(basename "$image")" "$(nproc)" "$(date -u +%F)"
printf '%-8s %-6s %10s %18s %18s %6s\n' animator cache "batch s" "preprocess s/item" "inference s/item" hits
for model in builtin sonic; do
  if [ "$model" = builtin ]; then params='{"min_resolution":512,"output_resolution":360,"model":"builtin"}'
  else params='{"min_resolution":256,"output_resolution":360,"model":"sonic","inference_steps":2}'; fi
  declare -A result=()
  for cache in false true; do
    log "$model, face cache $cache…"
    result[$cache]=$(run_batch "$cache" "$model" "$params")
    read -r wall pre inf hits <<<"${result[$cache]}"
    printf '%-8s %-6s %10.1f %18.3f %18.3f %6s\n' "$model" "$cache" "$wall" "$pre" "$inf" "$hits"
  done
  read -r w0 p0 i0 _ <<<"${result[false]}"; read -r w1 p1 i1 _ <<<"${result[true]}"
  printf '  %s with the cache: preprocess %.2fx, inference %.2fx, batch %.2fx of without (saving %.0f ms + %.0f ms per item)\n' \
    "$model" "$(echo "$p1 / $p0" | bc -l)" "$(echo "$i1 / $i0" | bc -l)" "$(echo "$w1 / $w0" | bc -l)" \
    "$(echo "1000 * ($p0 - $p1)" | bc -l)" "$(echo "1000 * ($i0 - $i1)" | bc -l)"
  unset result
done
