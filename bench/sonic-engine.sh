#!/usr/bin/env bash
# Sonic engine overhead without the real weights (CI and this machine cannot have them): the engine runs its whole
# loop over the arithmetic stand-in networks the tests build (contract names, ranks, dtypes; fp16 image networks;
# RIFE), so what it costs is the engine's own work — tensor binding, fp16 conversion, guidance, Euler, windows,
# decoding, interpolation, streaming — not the networks'. Prints per-phase seconds, the host time per UNet call, and
# peak memory for a 10 s and a 40 s clip (ratio: memory must not grow with video length), with the built-in animator
# in the same run as the baseline. "sonic-device" is the same engine with the latents kept on the UNet's device
# (Sonic__Models__SamplerPlacement=Device; the default on CUDA): here that device is the CPU, so its row prices the
# sampler graphs against the host loop, not a GPU. Usage: bench/sonic-engine.sh [portrait] [speech]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
image="${1:-$root/samples/astronaut.png}"
speech="${2:-$root/samples/speech.wav}"
work="$(mktemp -d /tmp/sonic-bench-engine.XXXXXX)"
trap 'rm -rf "$work"' EXIT
"$root/sonic" --help >/dev/null   # installs and builds once, outside the timings
dll="$root/src/Sonic.Cli/bin/Release/net10.0/sonic.dll"

SONIC_WRITE_TEST_MODELS="$work/models" dotnet test "$root/tests/Sonic.Inference.Tests" -c Release \
  --filter "FullyQualifiedName~ArithmeticModelFolderTests" >"$work/models.log" 2>&1 \
  || { echo "could not write the stand-in models:"; tail -20 "$work/models.log"; exit 1; }
dotnet "$dll" models verify "$work/models" >/dev/null

for seconds in 10 40; do
  ffmpeg -v error -y -stream_loop -1 -i "$speech" -t "$seconds" -ar 44100 -ac 2 "$work/clip$seconds.wav"
done

render() { # row seconds
  local model="${1%-device}" placement=Host
  [ "$1" = sonic-device ] && placement=Device
  Sonic__Models__SamplerPlacement=$placement \
  /usr/bin/time -f "%M" -o "$work/$1$2.rss" dotnet "$dll" render "$image" "$work/clip$2.wav" -o "$work/$1$2.mp4" \
    --model "$model" --model-dir "$work/models" --min-resolution 512 --trim-silence false --verbose --json \
    >"$work/$1$2.json" 2>"$work/$1$2.log" || { echo "render $1 $2 s failed:"; tail -20 "$work/$1$2.log"; exit 1; }
}

printf '%-12s %6s %8s %10s %9s %9s %9s %12s %9s\n' model clip frames "animate s" "cond s" "sample s" "decode s" "ms/UNet call" "peak MB"
for seconds in 10 40; do
  for model in builtin sonic sonic-device; do
    render "$model" "$seconds"
    frames=$(jq '.frames' "$work/$model$seconds.json")
    animate=$(jq '[.timings[] | select(.stage == "animate") | .seconds][0]' "$work/$model$seconds.json")
    rss=$(( $(cat "$work/$model$seconds.rss") / 1024 ))
    if [ "$model" != builtin ]; then
      # "Sonic made F frames: conditioning A s, sampling B s, decoding C s"
      read -r cond sample decode < <(grep -o 'conditioning [0-9.]* s, sampling [0-9.]* s, decoding [0-9.]* s' "$work/$model$seconds.log" \
        | awk '{print $2, $5, $8}')
      calls=$(( 25 * ( (seconds * 25 / 2 + 24) / 25 ) ))   # steps x ceil(N/25), N = L/2
      per_call=$(echo "$sample * 1000 / $calls" | bc -l)
      printf '%-12s %5ss %8s %10.2f %9.2f %9.2f %9.2f %12.1f %9d\n' "$model" "$seconds" "$frames" "$animate" "$cond" "$sample" "$decode" "$per_call" "$rss"
    else
      printf '%-12s %5ss %8s %10.2f %9s %9s %9s %12s %9d\n' "$model" "$seconds" "$frames" "$animate" - - - - "$rss"
    fi
    echo "$rss" >"$work/$model$seconds.mb"
  done
done
printf 'sonic-device peak memory 40 s / 10 s: %.2f\n' "$(echo "$(cat "$work/sonic-device40.mb") / $(cat "$work/sonic-device10.mb")" | bc -l)"
printf 'sonic peak memory 40 s / 10 s: %.2f (target <= 1.3)\n' "$(echo "$(cat "$work/sonic40.mb") / $(cat "$work/sonic10.mb")" | bc -l)"
