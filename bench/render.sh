#!/usr/bin/env bash
# Render benchmark: a 10 s and a 60 s clip through `sonic render`, in one run, with
#  - per-stage seconds and the animator's frames per second (at a 512 px crop, and at the default 1024 px),
#  - the ffmpeg floor: ffmpeg alone encoding the same frames (decoded back from our output) at the same size,
#    with the same settings, so "composite + encode" can be read as a ratio of it,
#  - the peak resident memory of each render (GNU time), and the 60 s / 10 s ratio.
# Figures are ratios within one run because this machine is shared and noisy.
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

render() { # name clip crop
  local name=$1 clip=$2 crop=$3
  /usr/bin/time -f "%M" -o "$work/$name.rss" dotnet "$dll" render "$image" "$clip" -o "$work/$name.mp4" \
    --min-resolution "$crop" --trim-silence false --json >"$work/$name.json" 2>"$work/$name.log" \
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

printf '%-16s %6s %7s %7s %8s %9s %8s %8s %7s %8s %8s\n' run frames audio face animate anim_fps compose encode floor post/flr peak_MB
for spec in "10s-512:clip10:512" "60s-512:clip60:512" "10s-1024:clip10:1024"; do
  IFS=: read -r name clip crop <<<"$spec"
  render "$name" "$work/$clip.wav" "$crop"
  fl=$(floor "$name" "$work/$clip.wav")
  n=$(jq .frames "$work/$name.json")
  a=$(stage "$name" audio); f=$(stage "$name" face); an=$(stage "$name" animate)
  c=$(stage "$name" composite); e=$(stage "$name" encode)
  rss=$(cat "$work/$name.rss")
  printf '%-16s %6d %7.2f %7.2f %8.2f %9.1f %8.2f %8.2f %7.2f %8.2f %8.0f\n' "$name" "$n" "$a" "$f" "$an" \
    "$(echo "$n / $an" | bc -l)" "$c" "$e" "$fl" "$(echo "($c + $e) / $fl" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
  echo "$rss" >"$work/$name.peak"
done
echo "peak memory 60 s / 10 s (512 px crop): $(echo "$(cat "$work/60s-512.peak") / $(cat "$work/10s-512.peak")" | bc -l | cut -c1-5)"
echo "targets: anim_fps >= 25 at 512 px; post/flr (compose+encode over the ffmpeg floor) <= 1.5; memory ratio <= 1.3"
