using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Sonic.Pipeline.Provenance.Watermark;

/// <summary>
/// The keyed code both sides of the invisible watermark share. The frame is seen as a <see cref="Grid"/>×<see cref="Grid"/>
/// grid of cells (stretched to any frame size, so scaling keeps it); each pattern is a ±1 per cell. One pilot pattern
/// says "marked" and 8 symbol patterns — one chosen from 256 for each byte of the 64-bit payload — carry the payload.
/// All nine are added together and their sign follows a balanced chip sequence over time (<see cref="Chips"/> chips of
/// <see cref="ChipFrames"/> frames), so a detector can remove the still portrait with a temporal high-pass and find
/// the sequence at any cut point. Every bit comes from HMAC-SHA256 under the deployment's key: without the key the
/// patterns are noise, and they are the same on every .NET version.
/// </summary>
public sealed class WatermarkCode
{
    public const int Grid = 24;
    public const int Cells = Grid * Grid;
    public const int Symbols = 8;
    public const int Alphabet = 256;
    public const int Chips = 16;
    public const int ChipFrames = 4;

    /// <summary>Frames before the chip sequence repeats: the phases a detector tries.</summary>
    public const int Period = Chips * ChipFrames;

    /// <summary>Patterns no one embeds; a detector's noise yardstick.</summary>
    public const int Decoys = 128;

    private readonly sbyte[][] _patterns;
    private readonly int[] _chips = new int[Chips];

    public WatermarkCode(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(key));
        _patterns = new sbyte[1 + (Symbols * Alphabet) + Decoys][];
        for (var i = 0; i < _patterns.Length; i++)
        {
            _patterns[i] = Pattern(hmac, i);
        }

        // Balanced: half the chips +1, half −1, in a keyed order (sorted by a keyed number per chip).
        var order = Enumerable.Range(0, Chips)
            .OrderBy(c => BinaryPrimitives.ReadUInt32BigEndian(hmac.ComputeHash(Encoding.ASCII.GetBytes(FormattableString.Invariant($"chip:{c}")))))
            .ToArray();
        for (var i = 0; i < Chips; i++)
        {
            _chips[order[i]] = i < Chips / 2 ? 1 : -1;
        }
    }

    /// <summary>The sign of the chip frame <paramref name="frame"/> falls in (from the first frame of the video, at 0).</summary>
    public int Chip(int frame) => _chips[(((frame % Period) + Period) % Period) / ChipFrames];

    /// <summary>
    /// The mark's strength in frame <paramref name="frame"/>: the chip signs smoothed by [1, 2, 1] / 4, so a change of
    /// sign takes two steps of half the size (±1, ±½, ∓½, ∓1) — a flip in one frame would flicker visibly on flat
    /// backgrounds. The detector correlates with the same values.
    /// </summary>
    public double Strength(int frame) => (Chip(frame - 1) + (2 * Chip(frame)) + Chip(frame + 1)) / 4.0;

    public ReadOnlySpan<sbyte> Pilot => _patterns[0];

    public ReadOnlySpan<sbyte> Symbol(int position, int value) => _patterns[1 + (position * Alphabet) + value];

    public ReadOnlySpan<sbyte> Decoy(int index) => _patterns[1 + (Symbols * Alphabet) + index];

    /// <summary>The sum of the pilot and the payload's symbols, per cell, divided by 3 (= √9: unit power).</summary>
    public float[] Field(ulong payload)
    {
        var field = new float[Cells];
        for (var c = 0; c < Cells; c++)
        {
            var sum = (int)Pilot[c];
            for (var k = 0; k < Symbols; k++)
            {
                sum += Symbol(k, SymbolValue(payload, k))[c];
            }

            field[c] = sum / 3f;
        }

        return field;
    }

    /// <summary>Byte <paramref name="position"/> of the payload, most significant first.</summary>
    public static int SymbolValue(ulong payload, int position) => (int)((payload >> (8 * (Symbols - 1 - position))) & 0xFF);

    private static sbyte[] Pattern(HMACSHA256 hmac, int index)
    {
        var pattern = new sbyte[Cells];
        Span<byte> bits = stackalloc byte[32];
        for (var block = 0; block * 256 < Cells; block++)
        {
            hmac.TryComputeHash(Encoding.ASCII.GetBytes(FormattableString.Invariant($"pattern:{index}:{block}")), bits, out _);
            for (var b = 0; b < 256 && (block * 256) + b < Cells; b++)
            {
                pattern[(block * 256) + b] = (sbyte)(((bits[b >> 3] >> (b & 7)) & 1) == 1 ? 1 : -1);
            }
        }

        return pattern;
    }
}
