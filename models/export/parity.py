#!/usr/bin/env python3
"""Dump every intermediate value of upstream Sonic on one image + speech, for `sonic models parity`.

Run it in upstream's environment (jixiaozhong/Sonic with its checkpoints; torch 2.2.1, diffusers 0.29.0 as its
requirements.txt pins) on a CUDA GPU, from anywhere:

    python models/export/parity.py --sonic-root ~/Sonic --image face.png --audio speech.wav --out parity-dump

then compare with this engine on the exported folder:

    ./sonic models parity models/sonic parity-dump [--skip crop_box]

It runs upstream's own code (sonic.py: preprocess, crop_image, image_audio_to_tensor, the audio networks, the pipeline)
on the first 2.4 s of the speech (30 frames at 12.5 fps, so the 25-frame windows wrap) at 512 px (--side) for 2 steps, with
noise drawn here and saved, and records each stage by wrapping the module that computes it:

| stage | shape | what |
|---|---|---|
| crop_box | [3] | x, y, side of the square crop in source pixels (upstream's crop_bbox) |
| face_mask | [H,W] | the mask passed to the UNet (channel 0, after the LANCZOS resize) |
| clip_pixels | [3,224,224] | CLIP's pixel_values |
| clip_embeds | [1024] | the CLIP image embedding |
| ref_latent | [4,h,w] | the VAE posterior mean of the reference (before x0.18215) |
| log_mel | [80,3000] | Whisper's input features of the first 30 s chunk |
| whisper_states | [2L,5,384] | the stacked hidden states, cut to 2L tokens |
| audio_tokens | [N,32,1024] | audio2token per frame |
| buckets | [N,2] | audio2bucket x16+16 per frame (before dynamic_scale) |
| sigmas | [steps+1] | the scheduler's sigmas |
| latents_k | [N,4,h,w] | k = 0: the initial noisy latents; k >= 1: after step k (read from the denoising loop) |
| frames | [N,3,H,W] | the VAE decoder's frames in [0,1], before RIFE |

Files: parity.json (format below), the image, audio_16k.npy (the 16 kHz samples upstream read), noise.npy (the
standard-normal epsilon [N,4,h,w]) and one <stage>.npy each (float32, numpy.save). parity.json:
{"version": 1, "image": "...", "audio_16k": "audio_16k.npy", "noise": "noise.npy", "parameters": {...snake_case
render parameters...}, "stages": [{"name": ..., "file": ..., "tolerance": ...}, ...]} in pipeline order.

Not run in this repository's CI (no torch, no weights, no GPU). Written against upstream HEAD 51a74ae; where upstream
has moved, the wrapper that fails names the function it expected.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import numpy as np

FRAMES = 30        # Sonic frames (12.5 fps): more than one 25-frame window, so windows wrap
SIDE = 512         # crop side: the public weights' native size, which a default export (--resolutions 512) renders
STEPS = 2
SEED = 1234

TOLERANCE = {"crop_box": 2.0, "face_mask": 0.02, "clip_pixels": 0.05, "log_mel": 1e-3, "sigmas": 1e-4, "frames": 0.02}


class Recorder:
    def __init__(self):
        self.stages = {}

    def put(self, name, value):
        import torch
        array = value.detach().float().cpu().numpy() if isinstance(value, torch.Tensor) else np.asarray(value, dtype=np.float32)
        self.stages[name] = np.ascontiguousarray(array.astype(np.float32))

    def append(self, name, value):
        import torch
        array = value.detach().float().cpu().numpy() if isinstance(value, torch.Tensor) else np.asarray(value, dtype=np.float32)
        self.stages.setdefault(name, []).append(array.astype(np.float32))


def wrap(owner, attribute, after):
    """Replaces owner.attribute with a function that calls the original and then after(result, *args)."""
    original = getattr(owner, attribute, None)
    if original is None:
        raise SystemExit(f"parity.py: upstream has no {type(owner).__name__}.{attribute}; this script was written against Sonic 51a74ae")

    def wrapped(*args, **kwargs):
        result = original(*args, **kwargs)
        after(result, *args, **kwargs)
        return result

    setattr(owner, attribute, wrapped)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sonic-root", type=Path, required=True)
    parser.add_argument("--image", type=Path, required=True)
    parser.add_argument("--audio", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--side", type=int, default=SIDE, help="crop side; one the exported folder renders (default 512)")
    a = parser.parse_args()
    # Resolved before the chdir into the upstream checkout, so relative paths mean what the user typed.
    a.image, a.audio, a.out = a.image.resolve(), a.audio.resolve(), a.out.resolve()

    import librosa
    import soundfile
    import torch

    if not torch.cuda.is_available():
        raise SystemExit("parity.py: upstream Sonic runs its networks in fp16 on a CUDA GPU; none is available here.")
    sys.path.insert(0, str(a.sonic_root.resolve()))
    out = a.out
    out.mkdir(parents=True, exist_ok=True)
    import os
    os.chdir(a.sonic_root)
    from sonic import Sonic
    import src.pipelines.pipeline_sonic as pipeline_module

    record = Recorder()
    speech, _ = librosa.load(str(a.audio), sr=16000)
    speech = speech[: FRAMES * 2 * 640]
    clip_path = out / "speech.wav"
    soundfile.write(str(clip_path), speech, 16000)
    image = out / ("portrait" + a.image.suffix.lower())
    shutil.copy2(a.image, image)

    pipe = Sonic(0)

    # Preprocessing stages.
    face_info = pipe.preprocess(str(image), expand_ratio=0.5)
    x1, y1, x2, y2 = face_info["crop_bbox"]
    record.put("crop_box", [x1, y1, x2 - x1])
    wrap(pipe.image_encoder, "forward", lambda r, *args, **kw: (record.put("clip_pixels", (args[0] if args else kw["pixel_values"])[0]), record.put("clip_embeds", r.image_embeds[0])))
    wrap(pipe.vae, "encode", lambda r, *args, **kw: record.put("ref_latent", r.latent_dist.mean[0]))
    # sonic.py calls the encoder twice per chunk (the second time without hidden states) and audio2token twice per
    # frame (the window, then zeros for the unconditional branch): keep the calls the engine's stages correspond to.
    wrap(pipe.whisper.encoder, "forward", lambda r, *args, **kw: record.append("whisper", torch.stack(r.hidden_states, dim=2)[0]) if getattr(r, "hidden_states", None) is not None else None)
    wrap(pipe.audio2token, "forward", lambda r, *args, **kw: record.append("audio_tokens", r.reshape(-1, 32, 1024)) if bool((args[0] if args else next(iter(kw.values()))).abs().sum() > 0) else None)
    wrap(pipe.audio2bucket, "forward", lambda r, *args, **kw: record.append("buckets", r.reshape(-1, 2) * 16 + 16))

    # The sampler: the noise it draws for the latents, the sigmas, each step's merged latents, the decoded frames.
    original_randn = pipeline_module.randn_tensor

    def randn_tensor(shape, *args, **kwargs):
        noise = original_randn(shape, *args, **kwargs)
        if len(shape) == 5 and "noise" not in record.stages:
            generator = torch.Generator(device="cpu").manual_seed(SEED)
            noise = torch.randn(tuple(shape), generator=generator).to(noise.device, noise.dtype)
            record.put("noise", noise[0])
        return noise

    pipeline_module.randn_tensor = randn_tensor

    def step_done(_result, *args, **kwargs):
        # Called once per denoising step, after the windows are merged: read the loop's own latents.
        # The merged latents of all frames are the loop's latents_all (its latents is the last window only).
        caller = sys._getframe(2).f_locals
        merged = caller.get("latents_all")
        if merged is not None:
            record.append("steps", merged[0].permute(1, 0, 2, 3) if merged.shape[1] == 4 else merged[0])

    wrap(pipe.pipe, "progress_bar", lambda bar, *args, **kw: wrap(bar, "update", step_done))
    wrap(pipe.pipe, "decode_latents", lambda r, *args, **kw: record.put("frames", (r[0].permute(1, 0, 2, 3) * 0.5 + 0.5).clamp(0, 1)))
    wrap(pipe.pipe, "prepare_latents", lambda r, *args, **kw: record.put("latents_0", r[0]))

    # Upstream crops only when asked (demo --crop); this engine always crops, so the dump runs on the crop.
    cropped = out / "cropped.png"
    pipe.crop_image(str(image), str(cropped), face_info["crop_bbox"])
    pipe.process(str(cropped), str(clip_path), str(out / "upstream.mp4"), min_resolution=a.side, inference_steps=STEPS, dynamic_scale=1.0)
    record.put("sigmas", pipe.pipe.scheduler.sigmas)

    # The mask and log-mel that image_audio_to_tensor made inside process(): recomputed with the same function.
    from src.dataset.test_preprocess import image_audio_to_tensor
    data = image_audio_to_tensor(pipe.face_det, pipe.feature_extractor, str(cropped), str(clip_path), limit=FRAMES * 2, image_size=a.side, area=pipe.config.area)
    record.put("face_mask", data["face_mask"][0])
    record.put("log_mel", data["audio_feature"][0] if data["audio_feature"].dim() == 3 else data["audio_feature"])

    stages = record.stages
    tokens = 2 * (len(speech) // 640)
    stages["whisper_states"] = np.concatenate(stages.pop("whisper"), axis=0)[:tokens]
    stages["audio_tokens"] = np.concatenate(stages["audio_tokens"], axis=0)
    stages["buckets"] = np.concatenate(stages["buckets"], axis=0)
    for k, latents in enumerate(stages.pop("steps", []), start=1):
        stages[f"latents_{k}"] = latents
    noise = stages.pop("noise")
    if noise.shape[0] == 4:  # [4,N,h,w] -> [N,4,h,w]
        noise = noise.transpose(1, 0, 2, 3)

    order = ["crop_box", "face_mask", "clip_pixels", "clip_embeds", "ref_latent", "log_mel", "whisper_states", "audio_tokens", "buckets", "sigmas"]
    order += [f"latents_{k}" for k in range(STEPS + 1)] + ["frames"]
    listed = []
    for name in order:
        if name not in stages:
            print(f"  (stage {name} was not recorded: upstream's code differs from 51a74ae here; it is left out)")
            continue
        np.save(out / f"{name}.npy", np.ascontiguousarray(stages[name]))
        listed.append({"name": name, "file": f"{name}.npy", "tolerance": TOLERANCE.get(name, 0.05 if name.startswith("latents_") else 0.02)})
    np.save(out / "noise.npy", np.ascontiguousarray(noise))
    np.save(out / "audio_16k.npy", np.ascontiguousarray(np.asarray(speech, dtype=np.float32)))
    parameters = {"min_resolution": a.side, "expand_ratio": 0.5, "inference_steps": STEPS, "dynamic_scale": 1.0, "motion_scale": 1.0,
                  "trim_silence": False, "calibrate_lipsync": False, "smooth_motion": False, "upstream_numerics": True}
    (out / "parity.json").write_text(json.dumps({"version": 1, "image": image.name, "audio_16k": "audio_16k.npy", "noise": "noise.npy",
                                                 "parameters": parameters, "stages": listed}, indent=2) + "\n")
    print(f"wrote {out / 'parity.json'} with {len(listed)} stages; now run: ./sonic models parity <model-dir> {out}")


if __name__ == "__main__":
    main()
