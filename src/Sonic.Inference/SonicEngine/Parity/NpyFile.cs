using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Sonic.Media.Errors;

namespace Sonic.Inference.SonicEngine.Parity;

/// <summary>
/// NumPy's .npy format (version 1.0/2.0, C order), as parity dumps use it: numpy.save writes it on the Python side.
/// Reads little-endian float32/float64, uint8 and int32/int64 into floats; writes float32.
/// </summary>
public static partial class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static SonicTensor Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic))
        {
            throw Invalid(path, "it is not a .npy file");
        }

        var major = bytes[6];
        var (headerLength, headerStart) = major == 1
            ? (BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)), 10)
            : ((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)), 12);
        var header = Encoding.ASCII.GetString(bytes, headerStart, headerLength);
        var descr = Descr().Match(header);
        var shapeMatch = ShapeText().Match(header);
        if (!descr.Success || !shapeMatch.Success)
        {
            throw Invalid(path, "its header has no dtype or shape");
        }

        if (FortranOrder().IsMatch(header))
        {
            throw Invalid(path, "it is in Fortran order; save it with numpy.ascontiguousarray");
        }

        int[] shape = [.. shapeMatch.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(d => int.Parse(d, CultureInfo.InvariantCulture))];
        var count = shape.Aggregate(1L, (a, d) => a * d);
        var available = bytes.Length - (headerStart + headerLength);
        var data = bytes.AsSpan(headerStart + headerLength);
        var values = new float[count];
        switch (descr.Groups[1].Value)
        {
            case "<f4":
                Need(4);
                for (var i = 0; i < count; i++) { values[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(i * 4)..]); }
                break;
            case "<f8":
                Need(8);
                for (var i = 0; i < count; i++) { values[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(data[(i * 8)..]); }
                break;
            case "|u1":
                Need(1);
                for (var i = 0; i < count; i++) { values[i] = data[i]; }
                break;
            case "<i4":
                Need(4);
                for (var i = 0; i < count; i++) { values[i] = BinaryPrimitives.ReadInt32LittleEndian(data[(i * 4)..]); }
                break;
            case "<i8":
                Need(8);
                for (var i = 0; i < count; i++) { values[i] = BinaryPrimitives.ReadInt64LittleEndian(data[(i * 8)..]); }
                break;
            default:
                throw Invalid(path, $"its dtype '{descr.Groups[1].Value}' is not one of <f4, <f8, |u1, <i4, <i8");
        }

        return new SonicTensor(shape, values);

        void Need(int width)
        {
            if (available < count * width)
            {
                throw Invalid(path, "it holds fewer values than its shape says");
            }
        }
    }

    public static void Write(string path, SonicTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var dims = tensor.Shape.Length == 1 ? $"{tensor.Shape[0]}," : string.Join(", ", tensor.Shape);
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({dims}), }}";
        // The header is padded with spaces to a multiple of 64 bytes and ends with a newline.
        var total = Magic.Length + 4 + header.Length + 1;
        header = header.PadRight(header.Length + ((64 - (total % 64)) % 64)) + "\n";
        using var stream = File.Create(path);
        stream.Write(Magic);
        stream.Write([1, 0]);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        stream.Write(length);
        stream.Write(Encoding.ASCII.GetBytes(header));
        Span<byte> value = stackalloc byte[4];
        foreach (var v in tensor.Values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(value, v);
            stream.Write(value);
        }
    }

    private static SonicJobException Invalid(string path, string why)
        => new(ErrorCodes.InvalidParameter, $"The parity file '{path}' cannot be read: {why}.");

    [GeneratedRegex(@"'descr':\s*'([^']+)'")]
    private static partial Regex Descr();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapeText();

    [GeneratedRegex(@"'fortran_order':\s*True")]
    private static partial Regex FortranOrder();
}
