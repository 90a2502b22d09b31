using System.Buffers.Binary;
using System.Text;

namespace Sonic.Inference.Landmarks.Tflite;

/// <summary>
/// One table of a FlatBuffers buffer (the TFLite file format): fields by their index in the schema, read through the
/// table's vtable; a field the writer left out reads as its default. Only what a TFLite model uses is here.
/// </summary>
internal readonly struct FlatBufferTable
{
    private readonly byte[] buffer;
    private readonly int position;

    private FlatBufferTable(byte[] buffer, int position)
    {
        this.buffer = buffer;
        this.position = position;
    }

    /// <summary>The root table of <paramref name="buffer"/>.</summary>
    public static FlatBufferTable Root(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.Length < 8)
        {
            throw new InvalidDataException("The buffer is too short to hold a FlatBuffers root table.");
        }

        return new FlatBufferTable(buffer, (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer));
    }

    public bool Has(int field) => FieldPosition(field) != 0;

    public int Int(int field, int fallback = 0) => FieldPosition(field) is var p and > 0 ? BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(p)) : fallback;

    public uint UInt(int field) => FieldPosition(field) is var p and > 0 ? BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(p)) : 0;

    public sbyte SByte(int field, sbyte fallback = 0) => FieldPosition(field) is var p and > 0 ? (sbyte)buffer[p] : fallback;

    public byte Byte(int field, byte fallback = 0) => FieldPosition(field) is var p and > 0 ? buffer[p] : fallback;

    public FlatBufferTable? Table(int field) => FieldPosition(field) is var p and > 0 ? new FlatBufferTable(buffer, Follow(p)) : null;

    public string? String(int field)
    {
        var p = FieldPosition(field);
        if (p == 0)
        {
            return null;
        }

        var start = Follow(p);
        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(start));
        return Encoding.UTF8.GetString(buffer, start + 4, length);
    }

    /// <summary>A vector of tables.</summary>
    public IReadOnlyList<FlatBufferTable> Tables(int field)
    {
        var (start, count) = Vector(field);
        var tables = new FlatBufferTable[count];
        for (var i = 0; i < count; i++)
        {
            tables[i] = new FlatBufferTable(buffer, Follow(start + (4 * i)));
        }

        return tables;
    }

    public int[] Ints(int field)
    {
        var (start, count) = Vector(field);
        var values = new int[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(start + (4 * i)));
        }

        return values;
    }

    public ReadOnlySpan<byte> Bytes(int field)
    {
        var (start, count) = Vector(field);
        return buffer.AsSpan(start, count);
    }

    private (int Start, int Count) Vector(int field)
    {
        var p = FieldPosition(field);
        if (p == 0)
        {
            return (0, 0);
        }

        var start = Follow(p);
        return (start + 4, (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(start)));
    }

    private int Follow(int offsetPosition) => offsetPosition + (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offsetPosition));

    private int FieldPosition(int field)
    {
        var vtable = position - BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(position));
        var vtableLength = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(vtable));
        var entry = 4 + (2 * field);
        if (entry >= vtableLength)
        {
            return 0;
        }

        var offset = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(vtable + entry));
        return offset == 0 ? 0 : position + offset;
    }
}
