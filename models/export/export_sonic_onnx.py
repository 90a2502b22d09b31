#!/usr/bin/env python3
"""Export the Sonic networks from an upstream checkout to the ONNX contract of SonicFunctions.

Written for upstream's own environment (jixiaozhong/Sonic requirements.txt: torch 2.2.1, diffusers 0.29.0,
transformers 4.43.2) plus onnx >= 1.15 and onnxruntime-gpu >= 1.17 (its transformers optimizer fuses the UNet's
attention); it also runs on current torch 2.x (2.5-2.9): only the arguments a version has are passed. Needs a CUDA
GPU: the image networks are exported in fp16, as upstream runs them.

    python models/export/export_sonic_onnx.py --sonic-root ~/Sonic --out models/sonic \
        [--resolutions 512,768,1024] [--check] [--no-rife] [--attention fused|plain]

Then check the folder with `./sonic models verify models/sonic`.

What it does, network by network (models/README.md has the table):
- builds every network exactly as upstream sonic.py does and wraps it so its inputs and outputs carry the contract's
  names, ranks and dtypes;
- before tracing, replaces two upstream functions that bake the traced picture size into a graph: the IP-adapter face
  mask's downsampling (int(sqrt(...)) on shapes) by a resize with the layer's fixed factor, and RIFE's cached warp grid
  by one built from the flow's shape;
- exports with dynamic batch, frame and picture axes (TorchScript exporter, opset 17), each file into a temporary
  folder, then re-saves it with at most one external-data file and removes the temporary tensor files;
- fuses the UNet's self-attention into ONNX Runtime's MultiHeadAttention (memory-efficient / flash kernels on CUDA),
  so the [75, 5, 4096, 4096] score matrices (12.6 GB each at 512 px) are never built, then converts it to fp16;
- runs every picture-size network at each size of --resolutions with ONNX Runtime; a network that fails at a size
  (a shape baked in after all) is exported again at that size alone into <out>/<size>px/, a complete folder of its
  own; manifest.json lists only the sizes that were checked;
- with --check, runs the UNet once at the job's batch (3 branches x 25 frames) at each size and records the GPU memory
  it took in the manifest (memory_gib), which the engine uses to refuse a job before it runs out of memory.

Not run in this repository's CI (no torch, no weights, no GPU): export_support.py's helpers are tested there, this file
only as text. An operator's first run is its real test; models/README.md says what to send back when it fails.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_support import (  # noqa: E402  (the helpers live beside this file)
    OPSET, build_manifest, export_kwargs, mask_downsample_factor, memory_table, parse_resolutions,
    refuse_fp16_on_cpu, write_manifest,
)

import torch  # noqa: E402
from torch import nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

SPATIAL = ("vae_encoder.onnx", "unet.onnx", "vae_decoder.onnx", "rife.onnx")


def load_upstream(sonic_root: Path, device: str):
    """The networks as upstream sonic.py (class Sonic.__init__) builds and loads them. The UNet stays fp32 until its
    attention is fused (ONNX Runtime fuses fp32 graphs, then converts to fp16)."""
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
        "unet": unet.to(device, torch.float32).eval(),
    }
    constants = {
        "image_guidance": config.max_appearance_guidance_scale, "audio_guidance": config.audio_guidance_scale,
        "window": config.n_sample_frames, "shift": config.shift_offset, "fps": config.fps, "decode_chunk": config.decode_chunk_size,
    }
    return nets, constants


def patch_size_dependent_code():
    """Replaces the two upstream functions that turn the traced picture size into constants (see the docstring)."""
    from src.utils import mask_processer

    def downsample(mask, batch_size, num_queries, value_embed_dim):
        # mask [1, H, W] at full resolution -> [1, h*w, 1], broadcast over the batch and channels by the caller's
        # multiply (upstream repeats it to [batch, h*w, C]; equal values). Bicubic, align_corners=False, as upstream.
        factor = mask_downsample_factor(mask.shape[-2], mask.shape[-1], num_queries)
        small = F.interpolate(mask.unsqueeze(0), scale_factor=1.0 / factor, mode="bicubic", align_corners=False, recompute_scale_factor=False)
        return small.flatten(2).transpose(1, 2)

    for name in dir(mask_processer):
        candidate = getattr(mask_processer, name)
        if isinstance(candidate, type) and hasattr(candidate, "downsample"):
            candidate.downsample = staticmethod(downsample)

    def warp(ten_input, ten_flow):
        # RIFE's warp without its module-level grid cache: the grid comes from the flow's own shape on every call.
        n, _, h, w = ten_flow.shape
        gx = torch.linspace(-1.0, 1.0, w, device=ten_flow.device).view(1, 1, 1, w).expand(n, -1, h, -1)
        gy = torch.linspace(-1.0, 1.0, h, device=ten_flow.device).view(1, 1, h, 1).expand(n, -1, -1, w)
        grid = torch.cat([gx, gy], 1)
        flow = torch.cat([ten_flow[:, 0:1] / ((w - 1.0) / 2.0), ten_flow[:, 1:2] / ((h - 1.0) / 2.0)], 1)
        g = (grid + flow).permute(0, 2, 3, 1)
        return F.grid_sample(ten_input, g, mode="bilinear", padding_mode="border", align_corners=True)

    # Imported first, so every module that bound the cached warp gets the cache-free one.
    import src.utils.RIFE.RIFE_HDv3  # noqa: F401
    for name, module in list(sys.modules.items()):
        if name.startswith("src.utils.RIFE") and hasattr(module, "warp"):
            module.warp = warp


class WhisperEncoder(nn.Module):
    """input_features [1,80,3000] -> hidden_states [1,1500,5,384]: embedding + 4 layers (the last after LayerNorm),
    stacked on dim 2 as sonic.py's test() does with encoder(..., output_hidden_states=True).hidden_states."""

    def __init__(self, whisper):
        super().__init__()
        self.encoder = whisper.encoder

    def forward(self, input_features):
        return torch.stack(self.encoder(input_features, output_hidden_states=True).hidden_states, dim=2)


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
            timestep.to(sample.dtype),
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


class FaceDetector(nn.Module):
    """image [1,3,H,W] RGB in [0,1], H and W multiples of 32 -> detections [1,N,16] in input pixels (cx, cy, w, h,
    objectness, 5 landmarks, class score): upstream's checkpoints/yoloface_v5m.pt (TorchScript, anchors decoded inside),
    with the per-stride cell grids it takes as a second argument built here from the image's size."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, image):
        grids = []
        for stride in (8, 16, 32):
            ny, nx = image.shape[2] // stride, image.shape[3] // stride
            yv, xv = torch.meshgrid(torch.arange(ny, device=image.device), torch.arange(nx, device=image.device), indexing="ij")
            grids.append(torch.stack((xv, yv), 2).view(1, 1, ny, nx, 2).float())
        out = self.model(image, grids)
        return out[0] if isinstance(out, (tuple, list)) else out


def export(module, args, path: Path, inputs, outputs, dynamic_axes):
    """torch.onnx.export into a temporary folder (the TorchScript exporter writes one file per large tensor), then one
    .onnx with at most one external-data file beside it; the temporary folder is always removed."""
    import onnx

    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=path.stem + "-", dir=path.parent))
    try:
        traced = scratch / path.name
        with torch.no_grad():
            torch.onnx.export(module, args, str(traced), **export_kwargs(
                torch.onnx.export, input_names=inputs, output_names=outputs, dynamic_axes=dynamic_axes,
                opset_version=OPSET, do_constant_folding=True, export_params=True))
        save_onnx(onnx.load(str(traced), load_external_data=True), path)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"wrote {path}")


def save_onnx(model, path: Path):
    import onnx

    for stale in path.parent.glob(path.name + "*.data"):
        stale.unlink()
    large = model.ByteSize() > 1_500_000_000 if hasattr(model, "ByteSize") else True
    if large:
        onnx.save_model(model, str(path), save_as_external_data=True, all_tensors_to_one_file=True,
                        location=path.name + ".data", size_threshold=1024)
    else:
        onnx.save_model(model, str(path))


def fuse_unet_attention(path: Path, attention: str):
    """Fuses self-attention into MultiHeadAttention on the fp32 graph, then converts it to fp16 (ONNX Runtime's
    Stable Diffusion recipe). Only the attention fusion: the other UNet fusions (GroupNorm, NhwcConv, …) have CUDA
    kernels only, and the folder must still load on a CPU for `sonic models verify` and for tests."""
    from onnxruntime.transformers.fusion_options import FusionOptions
    from onnxruntime.transformers.optimizer import optimize_model

    options = FusionOptions("unet")
    for switch in ("enable_group_norm", "enable_skip_group_norm", "enable_nhwc_conv", "enable_bias_splitgelu",
                   "enable_bias_add", "enable_packed_qkv", "enable_packed_kv"):
        if hasattr(options, switch):
            setattr(options, switch, False)
    if attention == "plain":
        options.enable_attention = False
    model = optimize_model(str(path), model_type="unet", num_heads=0, hidden_size=0, opt_level=0,
                           optimization_options=options, use_gpu=True)
    fused = sum(1 for node in model.model.graph.node if node.op_type in ("MultiHeadAttention", "Attention"))
    if attention == "fused" and fused == 0:
        raise SystemExit(
            "export_sonic_onnx.py: ONNX Runtime fused no attention in the UNet, so every self-attention would build its "
            "full score matrix (12.6 GB per layer at 512 px). Send the output of this run with your torch and "
            "onnxruntime versions; --attention plain exports without fusion (512 px needs ~40 GB then).")
    model.convert_float_to_float16(keep_io_types=False)
    # timestep and added_time_ids stay fp32 in the contract; the graph casts them to fp16 itself.
    restore_float_inputs(model.model, ("timestep", "added_time_ids"))
    save_onnx(model.model, path)
    print(f"  unet.onnx: {fused} attention blocks fused, converted to fp16")


def restore_float_inputs(model, names):
    """Makes the named graph inputs fp32 again after the fp16 conversion, with a Cast to fp16 behind each."""
    from onnx import TensorProto, helper

    for graph_input in model.graph.input:
        if graph_input.name not in names or graph_input.type.tensor_type.elem_type != TensorProto.FLOAT16:
            continue
        cast_name = graph_input.name + "_fp16"
        for node in model.graph.node:
            node.input[:] = [cast_name if i == graph_input.name else i for i in node.input]
        graph_input.type.tensor_type.elem_type = TensorProto.FLOAT
        model.graph.node.insert(0, helper.make_node("Cast", [graph_input.name], [cast_name], to=TensorProto.FLOAT16))


def feeds(name: str, side: int, batch: int = 3, frames: int = 5):
    """Zero inputs of one file at crop side `side` (numpy, as ONNX Runtime takes them)."""
    import numpy as np

    h = side // 8
    f16, f32 = np.float16, np.float32
    return {
        "vae_encoder.onnx": {"image": np.zeros((1, 3, side, side), f16)},
        "vae_decoder.onnx": {"latents": np.zeros((3, 4, h, h), f16)},
        "rife.onnx": {"img0": np.zeros((1, 3, side, side), f32), "img1": np.zeros((1, 3, side, side), f32)},
        "unet.onnx": {
            "sample": np.zeros((batch, frames, 8, h, h), f16), "timestep": np.zeros((1,), f32),
            "clip_embeds": np.zeros((batch, 1, 1024), f16), "audio_tokens": np.zeros((batch, frames, 32, 1024), f16),
            "added_time_ids": np.zeros((batch, 3), f32), "face_mask": np.ones((1, 1, side, side), f16),
        },
    }[name]


def runs_at(path: Path, side: int) -> str | None:
    """None when the file runs at crop side `side`, else ONNX Runtime's reason."""
    import numpy as np
    import onnxruntime as ort

    try:
        session = ort.InferenceSession(str(path), providers=["CUDAExecutionProvider", "CPUExecutionProvider"])
        result = session.run(None, feeds(path.name, side))[0]
        return None if np.isfinite(result).all() else "non-finite output"
    except Exception as error:  # noqa: BLE001  (any ORT failure means: not this size)
        return str(error).splitlines()[0]


def measure_unet_gib(path: Path, side: int) -> float:
    """GPU memory (GiB) one UNet call at the job's batch (3 branches x 25 frames) takes: free memory before the session
    opens minus after the call (ONNX Runtime's arena keeps its peak)."""
    import onnxruntime as ort

    torch.cuda.empty_cache()
    free_before, _ = torch.cuda.mem_get_info()
    session = ort.InferenceSession(str(path), providers=["CUDAExecutionProvider"])
    session.run(None, feeds("unet.onnx", side, batch=3, frames=25))
    free_after, _ = torch.cuda.mem_get_info()
    del session
    return (free_before - free_after) / 2**30


def export_spatial(nets, sonic_root: Path, out: Path, side: int, dynamic: bool, rife: bool):
    """The picture-size networks at crop side `side`; dynamic=False fixes H and W to it."""
    dev, f16, f32 = "cuda", torch.float16, torch.float32
    h = side // 8

    def axes(spec):
        return spec if dynamic else {name: {k: v for k, v in dims.items() if v not in ("H", "W", "h", "w")} for name, dims in spec.items()}

    export(VaeEncoder(nets["vae"]), (torch.zeros(1, 3, side, side, device=dev, dtype=f16),), out / "vae_encoder.onnx",
           ["image"], ["latent_mean"], axes({"image": {2: "H", 3: "W"}, "latent_mean": {2: "h", 3: "w"}}))

    export(VaeDecoder(nets["vae"]), (torch.zeros(8, 4, h, h, device=dev, dtype=f16),), out / "vae_decoder.onnx",
           ["latents"], ["frames"], axes({"latents": {0: "F", 2: "h", 3: "w"}, "frames": {0: "F", 2: "H", 3: "W"}}))

    # Traced small (one branch, two frames: the fp32 UNet at 75 frames would need far more memory); the axes are
    # dynamic and runs_at checks another batch and frame count.
    unet_args = (
        torch.zeros(1, 2, 8, h, h, device=dev, dtype=f32),
        torch.zeros(1, device=dev, dtype=f32),
        torch.zeros(1, 1, 1024, device=dev, dtype=f32),
        torch.zeros(1, 2, 32, 1024, device=dev, dtype=f32),
        torch.zeros(1, 3, device=dev, dtype=f32),
        torch.ones(1, 1, side, side, device=dev, dtype=f32),
    )
    export(Unet(nets["unet"]), unet_args, out / "unet.onnx",
           ["sample", "timestep", "clip_embeds", "audio_tokens", "added_time_ids", "face_mask"], ["v_pred"],
           axes({"sample": {0: "B", 1: "F", 3: "h", 4: "w"}, "clip_embeds": {0: "B"}, "audio_tokens": {0: "B", 1: "F"},
                 "added_time_ids": {0: "B"}, "face_mask": {2: "H", 3: "W"}, "v_pred": {0: "B", 1: "F", 3: "h", 4: "w"}}))
    fuse_unet_attention(out / "unet.onnx", nets["attention"])

    if rife:
        from src.utils.RIFE.RIFE_HDv3 import RIFEModel
        model = RIFEModel(device=dev)
        model.load_model(str(sonic_root / "checkpoints" / "RIFE"))
        export(Rife(model.flownet.eval()), (torch.zeros(1, 3, side, side, device=dev), torch.zeros(1, 3, side, side, device=dev)),
               out / "rife.onnx", ["img0", "img1"], ["middle"],
               axes({"img0": {2: "H", 3: "W"}, "img1": {2: "H", 3: "W"}, "middle": {2: "H", 3: "W"}}))


def runs_batch(path: Path, name: str, batch: int) -> str | None:
    """None when an audio network runs at `batch`, else ONNX Runtime's reason (einops reshapes can bake the traced batch)."""
    import numpy as np
    import onnxruntime as ort

    inputs = {"audio2token.onnx": {"audio_window": np.zeros((batch, 10, 5, 384), np.float32)},
              "audio2bucket.onnx": {"audio_window": np.zeros((batch, 50, 1, 384), np.float32), "clip_embeds": np.zeros((batch, 1024), np.float32)}}[name]
    try:
        ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(None, inputs)
        return None
    except Exception as error:  # noqa: BLE001
        return str(error).splitlines()[0]


def export_audio_networks(nets, out: Path, batch: int, dynamic: bool):
    dev = "cuda"
    export(Audio2Token(nets["audio2token"]), (torch.zeros(batch, 10, 5, 384, device=dev),), out / "audio2token.onnx",
           ["audio_window"], ["audio_tokens"], {"audio_window": {0: "B"}, "audio_tokens": {0: "B"}} if dynamic else None)
    export(Audio2Bucket(nets["audio2bucket"]), (torch.zeros(batch, 50, 1, 384, device=dev), torch.zeros(batch, 1024, device=dev)),
           out / "audio2bucket.onnx", ["audio_window", "clip_embeds"], ["buckets"],
           {"audio_window": {0: "B"}, "clip_embeds": {0: "B"}, "buckets": {0: "B"}} if dynamic else None)


def export_size_independent(nets, out: Path):
    dev = "cuda"
    export(WhisperEncoder(nets["whisper"]), (torch.zeros(1, 80, 3000, device=dev),), out / "whisper_encoder.onnx",
           ["input_features"], ["hidden_states"], None)
    export_audio_networks(nets, out, batch=2, dynamic=True)
    # A batch the trace baked in after all: export both fixed at 16, which the engine fills (and pads) per call.
    if any(runs_batch(out / name, name, b) for name in ("audio2token.onnx", "audio2bucket.onnx") for b in (1, 16)):
        print("  audio networks: the traced batch was baked in; exporting them fixed at a batch of 16")
        export_audio_networks(nets, out, batch=16, dynamic=False)
    export(ClipImageEncoder(nets["clip"]), (torch.zeros(1, 3, 224, 224, device=dev, dtype=torch.float16),),
           out / "clip_image_encoder.onnx", ["pixel_values"], ["image_embeds"], None)


def export_face_detector(sonic_root: Path, out: Path):
    """Upstream's YOLOv5m-face, so Sonic jobs crop and mask with the detector the weights were trained with."""
    model = torch.jit.load(str(sonic_root / "checkpoints" / "yoloface_v5m.pt"), map_location="cuda").eval()
    export(FaceDetector(model), (torch.zeros(1, 3, 416, 416, device="cuda"),), out / "face_detector.onnx",
           ["image"], ["detections"], {"image": {2: "H", 3: "W"}, "detections": {1: "N"}})
    reason = runs_detector_at(out / "face_detector.onnx", 416, 768)
    print(f"  face_detector.onnx: {'runs at 416x768 too' if reason is None else 'fixed to 416x416 (' + reason + '); the engine then stretches every image to 416x416'}")


def runs_detector_at(path: Path, width: int, height: int) -> str | None:
    import numpy as np
    import onnxruntime as ort

    try:
        session = ort.InferenceSession(str(path), providers=["CUDAExecutionProvider", "CPUExecutionProvider"])
        session.run(None, {"image": np.zeros((1, 3, height, width), np.float32)})
        return None
    except Exception as error:  # noqa: BLE001
        return str(error).splitlines()[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sonic-root", type=Path, required=True, help="upstream jixiaozhong/Sonic checkout with checkpoints/")
    parser.add_argument("--out", type=Path, required=True, help="the model folder to write (e.g. models/sonic)")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--resolutions", default="512", help="crop sides to export and check, e.g. 512,768,1024 (default 512, upstream's)")
    parser.add_argument("--attention", choices=("fused", "plain"), default="fused", help="fuse the UNet's attention (default) or not")
    parser.add_argument("--check", action="store_true", help="also run the UNet at the job's batch at each size and record its GPU memory")
    parser.add_argument("--no-rife", action="store_true", help="skip rife.onnx (the engine then blends neighbours)")
    parser.add_argument("--no-face-detector", action="store_true", help="skip face_detector.onnx (Sonic jobs then crop with BlazeFace)")
    a = parser.parse_args()

    try:
        sizes = parse_resolutions(a.resolutions)
    except ValueError as error:
        parser.error(str(error))
    refuse_fp16_on_cpu(a.device)

    out = a.out.resolve()
    sonic_root = a.sonic_root.resolve()
    nets, constants = load_upstream(sonic_root, a.device)
    nets["attention"] = a.attention
    patch_size_dependent_code()

    # One dynamic export, traced at the smallest size (least memory), then run at every listed size.
    export_size_independent(nets, out)
    if not a.no_face_detector:
        export_face_detector(sonic_root, out)
    export_spatial(nets, sonic_root, out, sizes[0], dynamic=True, rife=not a.no_rife)
    spatial = [name for name in SPATIAL if (out / name).exists()]
    passed, failed = [], {}
    for side in sizes:
        reasons = {name: reason for name in spatial if (reason := runs_at(out / name, side)) is not None}
        if reasons:
            failed[side] = reasons
        else:
            passed.append(side)

    # Dynamic in name only? A size next to the traced one shows whether tracing baked the size in after all.
    probe = sizes[0] + 64
    baked = {name: reason for name in spatial if (reason := runs_at(out / name, probe)) is not None}
    print(f"  dynamic picture size: {'no, ' + str(baked) if baked else 'yes'} (checked at {probe} px)")
    if sizes[0] not in passed:
        raise SystemExit(f"export_sonic_onnx.py: the networks do not run even at their traced size {sizes[0]}: {failed[sizes[0]]}")

    # A size the dynamic graphs cannot run gets a folder of its own with graphs fixed to it.
    for side, reasons in failed.items():
        print(f"  {side} px: the dynamic graphs fail there ({'; '.join(f'{k}: {v}' for k, v in reasons.items())}); exporting {out.name}/{side}px/ at that size")
        folder = out / f"{side}px"
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("whisper_encoder.onnx", "audio2token.onnx", "audio2bucket.onnx", "clip_image_encoder.onnx", "face_detector.onnx"):
            if (out / name).exists():
                shutil.copy2(out / name, folder / name)
        export_spatial(nets, sonic_root, folder, side, dynamic=False, rife=not a.no_rife)
        measured = {side: measure_unet_gib(folder / "unet.onnx", side)} if a.check else None
        write_manifest(folder, build_manifest([side], constants, native=side, memory_gib=measured))

    measured = {side: measure_unet_gib(out / "unet.onnx", side) for side in passed} if a.check else None
    path = write_manifest(out, build_manifest(passed, constants, memory_gib=measured))
    print(f"wrote {path}: crop sides {passed}")
    print(memory_table(sizes, measured))
    print(f"now run: ./sonic models verify {out}")


if __name__ == "__main__":
    main()
