#!/usr/bin/env bash
# Post-processing cost: the same 10 s clip rendered with lip-sync calibration + motion smoothing off and on
# (alternating, RUNS runs each, default 5, medians: the machine is shared and single runs swing by ±15 %), 512 px
# crop, the invisible watermark off in both. Prints composite + encode + post seconds for both, the added share and
# whether it meets the target (<= 20 %). COMPARE=watermark measures the invisible watermark instead: everything else
# at its default in both runs, the watermark off then on, target <= 10 %.
# Usage: [RUNS=n] [COMPARE=post|watermark] bench/postprocess.sh [portrait] [speech]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
image="${1:-$root/samples/astronaut.png}"
speech="${2:-$root/samples/speech.wav}"
work="$(mktemp -d /tmp/sonic-bench-post.XXXXXX)"
trap 'rm -rf "$work"' EXIT
"$root/sonic" --help >/dev/null   # installs and builds once, outside the timings
dll="$root/src/Sonic.Cli/bin/Release/net10.0/sonic.dll"
ffmpeg -v error -y -stream_loop 10 -i "$speech" -t 10 -ar 44100 -ac 2 "$work/clip10.wav"

compare="${COMPARE:-post}"
target=$([ "$compare" = watermark ] && echo 10 || echo 20)
run() { # name on|off
  local flag=$([ "$2" = on ] && echo true || echo false) options
  if [ "$compare" = watermark ]; then options=(--invisible-watermark "$flag")
  else options=(--calibrate-lipsync "$flag" --smooth-motion "$flag" --invisible-watermark false); fi
  dotnet "$dll" render "$image" "$work/clip10.wav" -o "$work/$1.mp4" --min-resolution 512 --trim-silence false \
    "${options[@]}" --json >"$work/$1.json" 2>"$work/$1.log" \
    || { echo "render $1 failed:"; cat "$work/$1.log"; exit 1; }
  jq '[.timings[] | select(.stage == "composite" or .stage == "encode" or .stage == "post") | .seconds] | add' "$work/$1.json"
}

runs="${RUNS:-5}"
median() { sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }
for i in $(seq "$runs"); do run "off$i" off >>"$work/off.txt"; run "on$i" on >>"$work/on.txt"; done
off=$(median <"$work/off.txt"); on=$(median <"$work/on.txt")
added=$(echo "($on - $off) / $off * 100" | bc -l)
verdict=$(echo "$added <= $target" | bc -l | sed 's/1/met/;s/0/missed/')
printf '%s: post+encode off %.2f s, on %.2f s (medians of %d), added %.1f %%: target <= %d %% %s\n' "$compare" "$off" "$on" "$runs" "$added" "$target" "$verdict"
jq -c '{lipsync, motion, post: [.timings[] | select(.stage == "post") | .seconds][0]}' "$work/on1.json"
