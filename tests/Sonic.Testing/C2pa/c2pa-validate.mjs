// Reads and validates a file's C2PA manifest with the official reader (c2pa-rs as WebAssembly, @contentauth/c2pa-wasm,
// unpacked into .tools/c2pa-wasm by scripts/setup.sh) and prints its manifest store as JSON (validation_state,
// validation_status, validation_results, manifests); {"error": …} when the reader refuses the file.
// usage: node c2pa-validate.mjs FILE [TRUST_ANCHORS.pem]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [file, anchors] = process.argv.slice(2);
const root = join(import.meta.dirname, '..', '..', '..', '.tools', 'c2pa-wasm', 'package', 'pkg');
const c2pa = await import(pathToFileURL(join(root, 'c2pa.js')).href);
c2pa.initSync({ module: readFileSync(join(root, 'c2pa_bg.wasm')) });

// Trust is checked; without anchors every signer is untrusted, which the reader tolerates (state stays Valid).
const settings = { verify: { verify_trust: true } };
if (anchors) settings.trust = { trust_anchors: readFileSync(anchors, 'utf8') };
try {
  const reader = await c2pa.WasmReader.fromBytes('video/mp4', new Uint8Array(readFileSync(file)), JSON.stringify(settings));
  console.log(reader.json());
  reader.free();
} catch (e) {
  // The reader throws plain strings, e.g. "C2pa(JumbfNotFound)".
  console.log(JSON.stringify({ error: String(e?.message ?? e) }));
}
