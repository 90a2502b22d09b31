#!/usr/bin/env python3
"""Export the Sonic networks from an upstream checkout to the ONNX contract of SonicFunctions.

Run it from (or point --sonic-root at) a checkout of https://github.com/jixiaozhong/Sonic with its Python environment
(PyTorch, diffusers 0.29, transformers, einops, omegaconf) and its checkpoints downloaded as the upstream README says
(checkpoints/Sonic/*.pth, checkpoints/stable-video-diffusion-img2vid-xt, checkpoints/whisper-tiny, checkpoints/RIFE).

    python models/export/export_sonic_onnx.py --sonic-root ~/Sonic --out models/sonic [--no-rife] [--device cuda]

Then check the folder with `./sonic models verify models/sonic`.

It builds every network exactly as upstream sonic.py does, wraps each one so that its inputs and outputs have the
contract's names, ranks and dtypes (models/README.md, src/Sonic.Inference/SonicEngine/SonicModelContract.cs), and
calls torch.onnx.export with the contract's dynamic axes. Image networks (CLIP, VAE, UNet) are exported in fp16 as
upstream runs them (weight_dtype fp16); the audio networks (Whisper, audio2token, audio2bucket) and RIFE in fp32. The
UNet (about 3 GB of fp16 weights) is written with external data. After each export, when onnxruntime is installed,
the file is run once at a second size on every dynamic axis, so a shape baked in by tracing is caught here rather than
in a GPU job.

Not run in this repository's CI (no torch, no weights): its correctness rests on this code review, the verifier and a
real run by an operator.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import torch
from torch import nn

OPSET = 17


def load_upstream(sonic_root: Path, device: str):
    """The networks as upstream sonic.py (class Sonic.__init__) builds and loads them."""
    sys.path.insert(0, str(sonic_root))
    os.chdir(sonic_root)
    from omegaconf import OmegaConf
    from diffusers import AutoencoderKLTemporalDecoder
    from transformers import CLIPVisionModelWithProjection, WhisperModel
    from src.models.base.unet_spatio_temporal_condition import UNetSpatioTemporalConditionModel, add_ip_adapters
    from src.models.audio_adapter.audio_proj import AudioProjModel
    from src.models.audio_adapter.audio_to_bucket import Audio2bucketModel

    config = OmegaConf.load(sonic_root / "config/inference/sonic.yaml")
    svd = sonic_root / config.pretrained_model_name_or_path
    vae = AutoencoderKLTemporalDecoder.from_pretrained(svd, subfolder="vae", variant="fp16")
    image_encoder = CLIPVisionModelWithProjection.from_pretrained(svd, subfolder="image_encoder", variant="fp16")
    unet = UNetSpatioTemporalConditionModel.from_pretrained(svd, subfolder="unet", variant="fp16")
    add_ip_adapters(unet, [32], [config.ip_audio_scale])
    audio2token = AudioProjModel(seq_len=10, blocks=5, channels=384, intermediate_dim=1024, output_dim=1024, context_tokens=32)
    audio2bucket = Audio2bucketModel(seq_len=50, blocks=1, channels=384, clip_channels=1024, intermediate_dim=1024, output_dim=1, context_tokens=2)
    unet.load_state_dict(torch.load(sonic_root / config.unet_checkpoint_path, map_location="cpu"), strict=True)
    audio2token.load_state_dict(torch.load(sonic_root / config.audio2token_checkpoint_path, map_location="cpu"), strict=True)
    audio2bucket.load_state_dict(torch.load(sonic_root / config.audio2bucket_checkpoint_path, map_location="cpu"), strict=True)
    whisper = WhisperModel.from_pretrained(sonic_root / "checkpoints/whisper-tiny/")

    fp16 = torch.float16
    nets = {
        "whisper": whisper.to(device).eval(),
        "audio2token": audio2token.to(device).eval(),
        "audio2bucket": audio2bucket.to(device).eval(),
        "clip": image_encoder.to(device, fp16).eval(),
        "vae": vae.to(device, fp16).eval(),
        "unet": unet.to(device, fp16).eval(),
    }
    return nets, config


class WhisperEncoder(nn.Module):
    """input_features [1,80,3000] -> hidden_states [1,1500,5,384]: embedding + 4 layers (the last after LayerNorm),
    stacked on dim 2 as sonic.py's test() does with encoder(..., output_hidden_states=True).hidden_states."""

    def __init__(self, whisper):
        super().__init__()
        self.encoder = whisper.encoder

    def forward(self, input_features):
        states = self.encoder(input_features, output_hidden_states=True).hidden_states
        return torch.stack(states, dim=2)


class Audio2Token(nn.Module):
    """audio_window [B,10,5,384] -> audio_tokens [B,32,1024]; upstream feeds [1,1,10,5,384] (bz, f, w, b, c)."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, audio_window):
        return self.model(audio_window.unsqueeze(1)).squeeze(1)


class Audio2Bucket(nn.Module):
    """audio_window [B,50,1,384], clip_embeds [B,1024] -> buckets [B,2] raw (the engine applies x16+16)."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, audio_window, clip_embeds):
        out = self.model(audio_window.unsqueeze(1), clip_embeds)  # [B,1,2,1]
        return out.reshape(out.shape[0], 2)


class ClipImageEncoder(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, pixel_values):
        return self.model(pixel_values).image_embeds


class VaeEncoder(nn.Module):
    """image [1,3,H,W] in [-1,1] -> posterior mean [1,4,H/8,W/8] (pipeline_sonic.py uses .mean / .mode(), equal here)."""

    def __init__(self, vae):
        super().__init__()
        self.vae = vae

    def forward(self, image):
        return self.vae.encode(image).latent_dist.mean


class VaeDecoder(nn.Module):
    """latents [F,4,h,w] ALREADY divided by 0.18215 (the engine does it) -> frames [F,3,H,W] in [-1,1].
    The temporal decoder mixes the F frames of one call, as decode_latents does per chunk."""

    def __init__(self, vae):
        super().__init__()
        self.vae = vae

    def forward(self, latents):
        return self.vae.decode(latents, num_frames=latents.shape[0]).sample


class Unet(nn.Module):
    """The contract's inputs mapped onto pipeline_sonic.py's unet call:
    sample [B,F,8,h,w] (c_in-scaled latents ++ image latents), timestep f32 [1] (c_noise), clip_embeds [B,1,1024]
    (repeated over F and flattened to (B*F,1,1024) as _clip_encode_image + indice_slice do), audio_tokens [B,F,32,1024]
    (flattened to (B*F,32,1024), the IP-adapter tokens), added_time_ids f32 [B,3], face_mask [1,1,H,W] (ip_adapter_masks)
    -> v_pred [B,F,4,h,w]."""

    def __init__(self, unet):
        super().__init__()
        self.unet = unet

    def forward(self, sample, timestep, clip_embeds, audio_tokens, added_time_ids, face_mask):
        frames = sample.shape[1]
        image_embeds = clip_embeds.unsqueeze(1).expand(-1, frames, -1, -1).flatten(0, 1)
        audio = audio_tokens.flatten(0, 1)
        return self.unet(
            sample,
            timestep,
            encoder_hidden_states=(image_embeds, [audio]),
            cross_attention_kwargs={"ip_adapter_masks": [face_mask]},
            added_time_ids=added_time_ids.to(sample.dtype),
            return_dict=False,
        )[0]


class Rife(nn.Module):
    """img0, img1 f32 [1,3,H,W] in [0,1] -> middle [1,3,H,W]: RIFEModel.inference at scale 1 (scale list 4, 2, 1)."""

    def __init__(self, flownet):
        super().__init__()
        self.flownet = flownet

    def forward(self, img0, img1):
        _, _, merged = self.flownet(torch.cat((img0, img1), 1), [4.0, 2.0, 1.0])
        return merged[2]


def export(module, args, path: Path, inputs, outputs, dynamic_axes, external_data=False):
    path.parent.mkdir(parents=True, exist_ok=True)
    with torch.no_grad():
        torch.onnx.export(
            module, args, str(path),
            input_names=inputs, output_names=outputs, dynamic_axes=dynamic_axes,
            opset_version=OPSET, do_constant_folding=True, dynamo=False,
        )
    if external_data:
        import onnx
        model = onnx.load(str(path), load_external_data=True)
        for stale in path.parent.glob(path.name + "*.data"):
            stale.unlink()
        onnx.save_model(model, str(path), save_as_external_data=True, all_tensors_to_one_file=True,
                        location=path.name + ".data", size_threshold=1024)
    print(f"wrote {path}")


def check_second_size(path: Path, feeds: dict):
    """Runs the exported file at other sizes of its dynamic axes; a size baked in by tracing fails here."""
    try:
        import numpy as np
        import onnxruntime as ort
    except ImportError:
        print(f"  (onnxruntime not installed: {path.name} not re-run at a second size)")
        return
    session = ort.InferenceSession(str(path), providers=ort.get_available_providers())
    result = session.run(None, {k: v.cpu().numpy() for k, v in feeds.items()})
    print(f"  {path.name}: second size ok, output {list(result[0].shape)}, finite={bool(np.isfinite(result[0]).all())}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sonic-root", type=Path, required=True, help="upstream jixiaozhong/Sonic checkout with checkpoints/")
    parser.add_argument("--out", type=Path, required=True, help="the model folder to write (e.g. models/sonic)")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--size", type=int, default=512, help="trace size H=W (any multiple of 64; axes stay dynamic)")
    parser.add_argument("--no-rife", action="store_true", help="skip rife.onnx (the engine then blends neighbours)")
    a = parser.parse_args()

    out = a.out.resolve()
    sonic_root = a.sonic_root.resolve()
    nets, config = load_upstream(sonic_root, a.device)
    dev, f16, f32 = a.device, torch.float16, torch.float32
    H = W = a.size
    h, w = H // 8, W // 8
    B, F = 3, 25  # the engine's batch: three guidance branches x one window of 25 frames

    export(WhisperEncoder(nets["whisper"]), (torch.zeros(1, 80, 3000, device=dev),), out / "whisper_encoder.onnx",
           ["input_features"], ["hidden_states"], None)

    export(Audio2Token(nets["audio2token"]), (torch.zeros(2, 10, 5, 384, device=dev),), out / "audio2token.onnx",
           ["audio_window"], ["audio_tokens"], {"audio_window": {0: "B"}, "audio_tokens": {0: "B"}})
    check_second_size(out / "audio2token.onnx", {"audio_window": torch.zeros(5, 10, 5, 384)})

    export(Audio2Bucket(nets["audio2bucket"]), (torch.zeros(2, 50, 1, 384, device=dev), torch.zeros(2, 1024, device=dev)),
           out / "audio2bucket.onnx", ["audio_window", "clip_embeds"], ["buckets"],
           {"audio_window": {0: "B"}, "clip_embeds": {0: "B"}, "buckets": {0: "B"}})
    check_second_size(out / "audio2bucket.onnx", {"audio_window": torch.zeros(5, 50, 1, 384), "clip_embeds": torch.zeros(5, 1024)})

    export(ClipImageEncoder(nets["clip"]), (torch.zeros(1, 3, 224, 224, device=dev, dtype=f16),), out / "clip_image_encoder.onnx",
           ["pixel_values"], ["image_embeds"], None)

    export(VaeEncoder(nets["vae"]), (torch.zeros(1, 3, H, W, device=dev, dtype=f16),), out / "vae_encoder.onnx",
           ["image"], ["latent_mean"], {"image": {2: "H", 3: "W"}, "latent_mean": {2: "h", 3: "w"}})
    check_second_size(out / "vae_encoder.onnx", {"image": torch.zeros(1, 3, H + 64, W, dtype=f16)})

    export(VaeDecoder(nets["vae"]), (torch.zeros(8, 4, h, w, device=dev, dtype=f16),), out / "vae_decoder.onnx",
           ["latents"], ["frames"], {"latents": {0: "F", 2: "h", 3: "w"}, "frames": {0: "F", 2: "H", 3: "W"}})
    check_second_size(out / "vae_decoder.onnx", {"latents": torch.zeros(3, 4, h, w, dtype=f16)})

    unet_args = (
        torch.zeros(B, F, 8, h, w, device=dev, dtype=f16),
        torch.zeros(1, device=dev, dtype=f32),
        torch.zeros(B, 1, 1024, device=dev, dtype=f16),
        torch.zeros(B, F, 32, 1024, device=dev, dtype=f16),
        torch.zeros(B, 3, device=dev, dtype=f32),
        torch.zeros(1, 1, H, W, device=dev, dtype=f16),
    )
    export(Unet(nets["unet"]), unet_args, out / "unet.onnx",
           ["sample", "timestep", "clip_embeds", "audio_tokens", "added_time_ids", "face_mask"], ["v_pred"],
           {"sample": {0: "B", 1: "F", 3: "h", 4: "w"}, "clip_embeds": {0: "B"}, "audio_tokens": {0: "B", 1: "F"},
            "added_time_ids": {0: "B"}, "face_mask": {2: "H", 3: "W"}, "v_pred": {0: "B", 1: "F", 3: "h", 4: "w"}},
           external_data=True)

    if not a.no_rife:
        sys.path.insert(0, str(sonic_root))
        from src.utils.RIFE.RIFE_HDv3 import RIFEModel
        rife = RIFEModel(device=dev)
        rife.load_model(str(sonic_root / "checkpoints" / "RIFE"))
        export(Rife(rife.flownet.eval()), (torch.zeros(1, 3, H, W, device=dev), torch.zeros(1, 3, H, W, device=dev)),
               out / "rife.onnx", ["img0", "img1"], ["middle"],
               {"img0": {2: "H", 3: "W"}, "img1": {2: "H", 3: "W"}, "middle": {2: "H", 3: "W"}})

    manifest = {
        "version": 1,
        "dtypes": {"clip_image_encoder.onnx": "fp16", "vae_encoder.onnx": "fp16", "unet.onnx": "fp16", "vae_decoder.onnx": "fp16"},
        "resolution": {"min": 256, "max": 1024},
        "constants": {
            "image_guidance": float(config.max_appearance_guidance_scale),
            "audio_guidance": float(config.audio_guidance_scale),
            "window": int(config.n_sample_frames),
            "shift": int(config.shift_offset),
            "fps": float(config.fps),
            "decode_chunk": int(config.decode_chunk_size),
        },
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"wrote {out / 'manifest.json'}; now run: ./sonic models verify {out}")


if __name__ == "__main__":
    main()
