namespace Sonic.Inference.SonicEngine;

/// <summary>
/// The ONNX contract of a Sonic model folder (docs/SONIC_ENGINE.md, "ONNX contract"): file names, tensor names,
/// ranks and element types. −1 marks a free dimension (B batch, F frames, H/W pixels, h/w latent = H/8, W/8).
/// </summary>
public static class SonicModelContract
{
    private const int Free = -1;

    public const string WhisperEncoder = "whisper_encoder.onnx";
    public const string AudioToToken = "audio2token.onnx";
    public const string AudioToBucket = "audio2bucket.onnx";
    public const string ClipImageEncoder = "clip_image_encoder.onnx";
    public const string VaeEncoder = "vae_encoder.onnx";
    public const string Unet = "unet.onnx";
    public const string VaeDecoder = "vae_decoder.onnx";
    public const string Rife = "rife.onnx";
    public const string FaceDetector = "face_detector.onnx";

    public static IReadOnlyList<ModelFileSpec> Files { get; } =
    [
        new(WhisperEncoder, true,
            [ModelTensorSpec.F32("input_features", 1, 80, 3000)],
            [ModelTensorSpec.F32("hidden_states", 1, 1500, 5, 384)]),
        new(AudioToToken, true,
            [ModelTensorSpec.F32("audio_window", Free, 10, 5, 384)],
            [ModelTensorSpec.F32("audio_tokens", Free, 32, 1024)]),
        new(AudioToBucket, true,
            [ModelTensorSpec.F32("audio_window", Free, 50, 1, 384), ModelTensorSpec.F32("clip_embeds", Free, 1024)],
            [ModelTensorSpec.F32("buckets", Free, 2)]),
        new(ClipImageEncoder, true,
            [ModelTensorSpec.Any("pixel_values", 1, 3, 224, 224)],
            [ModelTensorSpec.Any("image_embeds", 1, 1024)]),
        new(VaeEncoder, true,
            [ModelTensorSpec.Any("image", 1, 3, Free, Free)],
            [ModelTensorSpec.Any("latent_mean", 1, 4, Free, Free)]),
        new(Unet, true,
            [
                ModelTensorSpec.Any("sample", Free, Free, 8, Free, Free),
                ModelTensorSpec.F32("timestep", 1),
                ModelTensorSpec.Any("clip_embeds", Free, 1, 1024),
                ModelTensorSpec.Any("audio_tokens", Free, Free, 32, 1024),
                ModelTensorSpec.F32("added_time_ids", Free, 3),
                ModelTensorSpec.Any("face_mask", 1, 1, Free, Free),
            ],
            [ModelTensorSpec.Any("v_pred", Free, Free, 4, Free, Free)]),
        new(VaeDecoder, true,
            [ModelTensorSpec.Any("latents", Free, 4, Free, Free)],
            [ModelTensorSpec.Any("frames", Free, 3, Free, Free)]),
        new(Rife, false,
            [ModelTensorSpec.F32("img0", 1, 3, Free, Free), ModelTensorSpec.F32("img1", 1, 3, Free, Free)],
            [ModelTensorSpec.F32("middle", 1, 3, Free, Free)]),

        // Optional: upstream's YOLOv5m-face; Sonic jobs then crop and mask with it as upstream does.
        new(FaceDetector, false,
            [ModelTensorSpec.F32("image", 1, 3, Free, Free)],
            [ModelTensorSpec.F32("detections", 1, Free, 16)]),
    ];
}
