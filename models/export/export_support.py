"""Plain-Python helpers of export_sonic_onnx.py: no PyTorch here, so the repository's tests can run them.

What they decide: which keyword arguments torch.onnx.export gets on this PyTorch version, which crop sizes to export
and check, when an export must stop before it starts, the manifest written from what was actually checked, the GPU
memory table, and how the IP-adapter face mask is downsampled without baking the traced size into the graph.
"""
from __future__ import annotations

import inspect
import json
import math
from pathlib import Path

OPSET = 17          # the newest opset the TorchScript exporter of torch 2.2 writes (and still fine on 2.9)
NATIVE_SIZE = 512   # the crop side the public Sonic weights were trained and demonstrated at
STEP = 64           # crop sides are multiples of 64 (the latent is 1/8, the UNet downsamples 3 more times)

# Every keyword this script may pass; torch.onnx.export gets the subset its version has (2.2.1 has no "dynamo").
WANTED_EXPORT_KWARGS = ("input_names", "output_names", "dynamic_axes", "opset_version", "do_constant_folding", "export_params")

# Paper estimate of peak GPU memory (GiB) of one job at a crop side, fp16 networks, fused (memory-efficient) attention,
# batch 75 (3 guidance branches x 25 frames): ~4.7 GiB of weights plus activations that grow with the token count
# (side^2), 5.3 GiB at 512 px — the same formula as the engine's SonicMemoryGuard. Replaced by what `--check` measures.
def paper_gib(side: int) -> float:
    return 4.7 + 5.3 * (side / 512) ** 2


def parse_resolutions(text: str) -> list[int]:
    """'512,768,1024' -> [512, 768, 1024]; every side a multiple of 64 from 256 to 2048."""
    sizes = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit():
            raise ValueError(f"--resolutions takes crop sides in pixels, e.g. 512,768,1024; '{part}' is not a number")
        side = int(part)
        if side % STEP or not 256 <= side <= 2048:
            raise ValueError(f"crop side {side} must be a multiple of {STEP} from 256 to 2048")
        sizes.append(side)
    if not sizes:
        raise ValueError("--resolutions names no crop side")
    return sorted(set(sizes))


def export_kwargs(export_fn, **wanted) -> dict:
    """The keyword arguments `export_fn` (torch.onnx.export) accepts, from `wanted`.

    torch 2.2.1 (upstream's pin) has only the TorchScript exporter and no `dynamo` keyword; 2.5 added `dynamo`
    (default False) and 2.9 made True the default. This script needs the TorchScript exporter (its graphs are the
    ones ONNX Runtime's attention fusion recognises), so it asks for dynamo=False exactly where the keyword exists.
    """
    parameters = inspect.signature(export_fn).parameters
    accepts_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())
    chosen = {k: v for k, v in wanted.items() if accepts_any or k in parameters}
    if "dynamo" in parameters:
        chosen["dynamo"] = False
    return chosen


def refuse_fp16_on_cpu(device: str) -> None:
    """The image networks are exported in fp16 as upstream runs them; PyTorch's CPU kernels cannot trace that."""
    if device == "cpu":
        raise SystemExit(
            "export_sonic_onnx.py: the CLIP, VAE and UNet are exported in fp16, as upstream runs them, and PyTorch "
            "cannot run fp16 convolutions and group norms on the CPU: run it on a CUDA GPU (--device cuda). "
            "No files were written.")


def mask_downsample_factor(mask_height: int, mask_width: int, num_queries: int) -> int:
    """The fixed downsampling factor (8, 16, 32 or 64) of one attention layer, from one example's shapes.

    Upstream (src/utils/mask_processer.py) computes the mask's size from sqrt(num_queries / aspect) with Python
    ints, which tracing freezes at the export size. The factor itself does not depend on the size, so the export
    computes it once and resizes by scale_factor=1/f: identical values, and the graph keeps H and W free.
    """
    factor = math.sqrt(mask_height * mask_width / num_queries)
    rounded = int(round(factor))
    if rounded not in (8, 16, 32, 64) or abs(factor - rounded) > 1e-6:
        raise ValueError(f"mask {mask_height}x{mask_width} over {num_queries} queries is not a factor of 8..64")
    return rounded


def build_manifest(sizes: list[int], config: dict, native: int = NATIVE_SIZE, memory_gib: dict | None = None) -> dict:
    """manifest.json for a folder whose networks were exported and checked at `sizes` (crop sides, ascending)."""
    manifest = {
        "version": 1,
        "dtypes": {"clip_image_encoder.onnx": "fp16", "vae_encoder.onnx": "fp16", "unet.onnx": "fp16", "vae_decoder.onnx": "fp16"},
        "resolution": {"min": min(sizes), "max": max(sizes), "sizes": sorted(sizes), "native": native if native in sizes else min(sizes, key=lambda s: abs(s - native))},
        "constants": {
            "image_guidance": float(config["image_guidance"]),
            "audio_guidance": float(config["audio_guidance"]),
            "window": int(config["window"]),
            "shift": int(config["shift"]),
            "fps": float(config["fps"]),
            "decode_chunk": int(config["decode_chunk"]),
        },
    }
    if memory_gib:
        manifest["memory_gib"] = {str(side): round(float(gib), 1) for side, gib in sorted(memory_gib.items())}
    return manifest


def memory_table(sizes: list[int], measured: dict | None = None) -> str:
    """The GPU memory each crop side needs: measured by --check where it ran, else the paper estimate."""
    rows = ["| crop side | GPU memory | source |", "|---|---|---|"]
    for side in sizes:
        if measured and side in measured:
            rows.append(f"| {side} px | {measured[side]:.1f} GiB | measured by --check |")
        else:
            rows.append(f"| {side} px | ~{paper_gib(side):.1f} GiB | estimated on paper |")
    return "\n".join(rows)


def write_manifest(folder: Path, manifest: dict) -> Path:
    path = folder / "manifest.json"
    path.write_text(json.dumps(manifest, indent=2) + "\n")
    return path
