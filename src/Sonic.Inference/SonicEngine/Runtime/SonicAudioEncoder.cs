using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Sonic.Inference.SonicEngine.Parity;

namespace Sonic.Inference.SonicEngine.Runtime;

/// <summary>
/// The audio half of Sonic's conditioning (upstream <c>sonic.py</c>, <c>test()</c>): Whisper-tiny over 30 s log-mel
/// chunks, all five hidden states stacked and cut to 2L tokens; per Sonic frame a 10-token window → audio2token and a
/// 50-token last-layer window with the CLIP embedding → audio2bucket (×16 + 16). Frames go through the small audio
/// networks in fixed batches (the last one zero-padded) so one set of bound tensors serves the whole clip.
/// </summary>
internal sealed class SonicAudioEncoder(SonicNetworks networks, ISonicTrace? trace = null)
{
    public const int Layers = 5;
    public const int StateWidth = 384;
    private const int LayerValues = Layers * StateWidth;
    private const int BatchFrames = 16;

    private readonly WhisperLogMel logMel = new();

    public SonicConditioning Encode(ReadOnlySpan<float> speech16k, float[] clipEmbeds, RunOptions runOptions, CancellationToken cancellationToken)
    {
        var timeline = new SonicAudioTimeline(speech16k.Length);
        var frames = timeline.FrameCount;
        var tokens = timeline.TokenCount;
        var states = WhisperStates(speech16k, timeline, runOptions, cancellationToken);
        var lastLayer = LastLayer(states, tokens);

        var tokenType = networks.Unet.InputType("audio_tokens");
        var perFrame = new HostTensor(tokenType, frames, SonicConditioning.TokensPerFrame, SonicConditioning.TokenWidth);
        var unconditional = new HostTensor(tokenType, 1, SonicConditioning.TokensPerFrame, SonicConditioning.TokenWidth);
        try
        {
            var buckets = new float[frames * 2];
            RunAudioNetworks(states, lastLayer, tokens, frames, clipEmbeds, perFrame, unconditional, buckets, runOptions, cancellationToken);
            return new SonicConditioning(frames, perFrame, unconditional, buckets);
        }
        catch
        {
            perFrame.Dispose();
            unconditional.Dispose();
            throw;
        }
    }

    /// <summary>Stacked hidden states [2L, 5, 384] over as many 30 s chunks as the clip needs.</summary>
    private float[] WhisperStates(ReadOnlySpan<float> speech16k, SonicAudioTimeline timeline, RunOptions runOptions, CancellationToken cancellationToken)
    {
        var states = new float[timeline.TokenCount * LayerValues];
        using var features = new HostTensor(TensorElementType.Float, 1, WhisperLogMel.MelBands, WhisperLogMel.FramesPerChunk);
        using var hidden = new HostTensor(TensorElementType.Float, 1, WhisperLogMel.TokensPerChunk, Layers, StateWidth);
        using var binding = networks.Whisper.Bind([("input_features", features)], [("hidden_states", hidden)]);
        for (var chunk = 0; chunk < timeline.WhisperChunkCount; chunk++)
        {
            var start = chunk * WhisperLogMel.ChunkSamples;
            var length = Math.Clamp(speech16k.Length - start, 0, WhisperLogMel.ChunkSamples);
            var mel = logMel.Compute(speech16k.Slice(start, length));
            features.Write(0, mel);
            if (chunk == 0)
            {
                trace?.Record(SonicParityStages.LogMel, [WhisperLogMel.MelBands, WhisperLogMel.FramesPerChunk], mel);
            }

            networks.Whisper.Run(binding, runOptions, cancellationToken);

            var firstToken = chunk * WhisperLogMel.TokensPerChunk;
            var keep = Math.Min(WhisperLogMel.TokensPerChunk, timeline.TokenCount - firstToken);
            if (keep > 0)
            {
                hidden.Read(0, states.AsSpan(firstToken * LayerValues, keep * LayerValues));
            }
        }

        trace?.Record(SonicParityStages.WhisperStates, [timeline.TokenCount, Layers, StateWidth], states);
        return states;
    }

    /// <summary>Index 4 of the stacked states is the encoder's last hidden state (after its final LayerNorm).</summary>
    private static float[] LastLayer(float[] states, int tokens)
    {
        var last = new float[tokens * StateWidth];
        for (var t = 0; t < tokens; t++)
        {
            states.AsSpan((t * LayerValues) + ((Layers - 1) * StateWidth), StateWidth).CopyTo(last.AsSpan(t * StateWidth, StateWidth));
        }

        return last;
    }

    private void RunAudioNetworks(
        float[] states, float[] lastLayer, int tokens, int frames, float[] clipEmbeds,
        HostTensor perFrame, HostTensor unconditional, float[] buckets, RunOptions runOptions, CancellationToken cancellationToken)
    {
        // An export traced without a dynamic batch takes exactly its traced batch: fill it, padding the last one.
        var batch = networks.AudioBatch ?? Math.Min(BatchFrames, frames);
        var tokenWindow = AudioTokenWindow.Token;
        var bucketWindow = AudioTokenWindow.Bucket;
        var tokenWindowValues = tokenWindow.Length * LayerValues;
        var bucketWindowValues = bucketWindow.Length * StateWidth;

        using var tokenInput = new HostTensor(TensorElementType.Float, batch, tokenWindow.Length, Layers, StateWidth);
        using var tokenOutput = new HostTensor(TensorElementType.Float, batch, SonicConditioning.TokensPerFrame, SonicConditioning.TokenWidth);
        using var bucketInput = new HostTensor(TensorElementType.Float, batch, bucketWindow.Length, 1, StateWidth);
        using var bucketClip = new HostTensor(TensorElementType.Float, batch, clipEmbeds.Length);
        using var bucketOutput = new HostTensor(TensorElementType.Float, batch, 2);
        using var tokenBinding = networks.AudioToToken.Bind([("audio_window", tokenInput)], [("audio_tokens", tokenOutput)]);
        using var bucketBinding = networks.AudioToBucket.Bind([("audio_window", bucketInput), ("clip_embeds", bucketClip)], [("buckets", bucketOutput)]);
        for (var b = 0; b < batch; b++)
        {
            bucketClip.Write(b * clipEmbeds.Length, clipEmbeds);
        }

        // The unconditional tokens: audio2token of an all-zero window, a constant of the model.
        tokenInput.Clear(0, tokenInput.Length);
        networks.AudioToToken.Run(tokenBinding, runOptions, cancellationToken);
        var produced = new float[batch * SonicConditioning.TokenValues];
        tokenOutput.Read(0, produced.AsSpan(0, SonicConditioning.TokenValues));
        unconditional.Write(0, produced.AsSpan(0, SonicConditioning.TokenValues));

        var window = new float[Math.Max(tokenWindowValues, bucketWindowValues)];
        var raw = new float[batch * 2];
        for (var first = 0; first < frames; first += batch)
        {
            var count = Math.Min(batch, frames - first);
            for (var b = 0; b < batch; b++)
            {
                if (b < count)
                {
                    tokenWindow.Gather(states, tokens, LayerValues, first + b, window.AsSpan(0, tokenWindowValues));
                    tokenInput.Write(b * tokenWindowValues, window.AsSpan(0, tokenWindowValues));
                    bucketWindow.Gather(lastLayer, tokens, StateWidth, first + b, window.AsSpan(0, bucketWindowValues));
                    bucketInput.Write(b * bucketWindowValues, window.AsSpan(0, bucketWindowValues));
                }
                else
                {
                    tokenInput.Clear(b * tokenWindowValues, tokenWindowValues);
                    bucketInput.Clear(b * bucketWindowValues, bucketWindowValues);
                }
            }

            networks.AudioToToken.Run(tokenBinding, runOptions, cancellationToken);
            networks.AudioToBucket.Run(bucketBinding, runOptions, cancellationToken);
            // audio2token is fp32 by contract; the store converts to the UNet's element type once here.
            tokenOutput.Read(0, produced.AsSpan(0, count * SonicConditioning.TokenValues));
            perFrame.Write(first * SonicConditioning.TokenValues, produced.AsSpan(0, count * SonicConditioning.TokenValues));
            trace?.Record(SonicParityStages.AudioTokens, [count, SonicConditioning.TokensPerFrame, SonicConditioning.TokenWidth], produced.AsSpan(0, count * SonicConditioning.TokenValues));
            bucketOutput.Read(0, raw);
            for (var i = 0; i < count * 2; i++)
            {
                // Upstream: motion_bucket = audio2bucket(...) * 16 + 16.
                buckets[(first * 2) + i] = (raw[i] * 16f) + 16f;
            }
        }

        trace?.Record(SonicParityStages.Buckets, [frames, 2], buckets);
    }
}
