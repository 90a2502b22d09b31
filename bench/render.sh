#!/usr/bin/env bash
# Render benchmark for the built-in animator, in one run (this machine is shared and noisy: read the ratios):
#  - a 10 s clip at default settings (1024 px crop) with the mesh rig (the default) and with the graph rig: the whole
#    `sonic render` process's wall clock over the clip's length (real-time factor, target <= 0.6) and its ratio;
#  - the animator's frames per second at a 512 px and at the 1024 px crop (busy time inside the render, while the
#    compositor and ffmpeg share the two cores; targets >= 100 and >= 50);
#  - per-stage busy seconds, the ffmpeg floor (ffmpeg alone encoding the same frames at the same size and settings);
#  - the peak resident memory of each render (GNU time) and the 60 s / 10 s ratio (target <= 1.3: frames stream).
# Usage: bench/render.sh [portrait] [speech]   (defaults: the bundled samples)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
image="${1:-$root/samples/astronaut.png}"
speech="${2:-$root/samples/speech.wav}"
work="$(mktemp -d /tmp/sonic-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
"$root/sonic" --help >/dev/null   # installs and builds once, outside the timings
dll="$root/src/Sonic.Cli/bin/Release/net10.0/sonic.dll"
preset="${SONIC_BENCH_PRESET:-veryfast}"

ffmpeg -v error -y -stream_loop 10 -i "$speech" -t 10 -ar 44100 -ac 2 "$work/clip10.wav"
ffmpeg -v error -y -stream_loop 10 -i "$speech" -t 60 -ar 44100 -ac 2 "$work/clip60.wav"

render() { # name clip rig [crop]
  local name=$1 clip=$2 rig=$3 crop=${4:-}
  local args=("$image" "$clip" -o "$work/$name.mp4" --trim-silence false --json)
  [ -n "$crop" ] && args+=(--min-resolution "$crop")
  Sonic__Builtin__Rig="$rig" /usr/bin/time -f "%M %e" -o "$work/$name.time" dotnet "$dll" render "${args[@]}" \
    >"$work/$name.json" 2>"$work/$name.log" \
    || { echo "render $name failed:"; cat "$work/$name.log" "$work/$name.json"; exit 1; }
}

floor() { # name clip: re-encode our own frames with ffmpeg alone, same size, codec settings and audio
  local name=$1 clip=$2 w h n
  w=$(jq .width "$work/$name.json"); h=$(jq .height "$work/$name.json"); n=$(jq .frames "$work/$name.json")
  ffmpeg -v error -y -i "$work/$name.mp4" -f rawvideo -pix_fmt rgba "$work/$name.rgba"
  local start end
  start=$(date +%s.%N)
  ffmpeg -v error -y -f rawvideo -pix_fmt rgba -s "${w}x${h}" -r 25 -i "$work/$name.rgba" -i "$clip" \
    -frames:v "$n" -c:v libx264 -preset "$preset" -crf 18 -pix_fmt yuv420p -c:a aac -b:a 128k -shortest \
    -movflags +faststart "$work/$name.floor.mp4"
  end=$(date +%s.%N)
  rm -f "$work/$name.rgba"
  echo "$end - $start" | bc -l
}

stage() { jq -r --arg s "$2" '[.timings[] | select(.stage == $s) | .seconds] | add // 0' "$work/$1.json"; }

printf '%-18s %6s %5s %8s %9s %8s %7s %7s %8s %6s %8s\n' run frames crop animate anim_fps compose encode floor process RTF peak_MB
for spec in "10s-default-mesh:clip10:Mesh:" "10s-default-graph:clip10:Graph:" "10s-512-mesh:clip10:Mesh:512" "60s-512-mesh:clip60:Mesh:512"; do
  IFS=: read -r name clip rig crop <<<"$spec"
  render "$name" "$work/$clip.wav" "$rig" "$crop"
  fl=$(floor "$name" "$work/$clip.wav")
  n=$(jq .frames "$work/$name.json"); side=$(jq .crop_side "$work/$name.json"); duration=$(jq .duration "$work/$name.json")
  an=$(stage "$name" animate); c=$(stage "$name" composite); e=$(stage "$name" encode)
  read -r rss wall <"$work/$name.time"
  printf '%-18s %6d %5d %8.2f %9.1f %8.2f %7.2f %7.2f %8.2f %6.2f %8.0f\n' "$name" "$n" "$side" "$an" \
    "$(echo "$n / $an" | bc -l)" "$c" "$e" "$fl" "$wall" "$(echo "$wall / $duration" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
  echo "$rss" >"$work/$name.peak"; echo "$wall" >"$work/$name.wall"
done
echo "mesh / graph process time, 10 s at default settings: $(echo "$(cat "$work/10s-default-mesh.wall") / $(cat "$work/10s-default-graph.wall")" | bc -l | cut -c1-5)"
echo "peak memory 60 s / 10 s (512 px crop): $(echo "$(cat "$work/60s-512-mesh.peak") / $(cat "$work/10s-512-mesh.peak")" | bc -l | cut -c1-5)"
echo "targets: RTF <= 0.6 at default settings; anim_fps >= 100 at 512 px and >= 50 at 1024 px; memory ratio <= 1.3"
