using System.Formats.Cbor;

namespace Sonic.Pipeline.Provenance.C2pa;

/// <summary>
/// Reads CBOR into plain values for inspection — maps with text keys as dictionaries, arrays as lists, byte strings as
/// byte arrays, text as strings, unsigned integers as ulongs — skipping tags. For reading manifests, never for writing them.
/// </summary>
public static class CborMaps
{
    /// <summary>Nesting deeper than this is refused: a manifest needs a handful of levels, and a crafted one must not exhaust the stack.</summary>
    private const int MaxDepth = 32;

    /// <exception cref="FormatException">Not a CBOR map, or nested too deep.</exception>
    public static Dictionary<string, object?> ReadMap(ReadOnlyMemory<byte> cbor) =>
        Read(new CborReader(cbor, CborConformanceMode.Lax), 0) as Dictionary<string, object?> ?? throw new FormatException("The CBOR is not a map.");

    private static object? Read(CborReader reader, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException("The CBOR is nested too deep.");
        }

        switch (reader.PeekState())
        {
            case CborReaderState.Tag:
                reader.ReadTag();
                return Read(reader, depth + 1);
            case CborReaderState.StartMap:
            {
                reader.ReadStartMap();
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    var key = Read(reader, depth + 1);
                    map[Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty] = Read(reader, depth + 1);
                }

                reader.ReadEndMap();
                return map;
            }

            case CborReaderState.StartArray:
            {
                reader.ReadStartArray();
                var list = new List<object?>();
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    list.Add(Read(reader, depth + 1));
                }

                reader.ReadEndArray();
                return list;
            }

            case CborReaderState.ByteString:
                return reader.ReadByteString();
            case CborReaderState.TextString:
                return reader.ReadTextString();
            case CborReaderState.UnsignedInteger:
                return reader.ReadUInt64();
            case CborReaderState.NegativeInteger:
                reader.SkipValue(); // no manifest field we read is negative; a value below long.MinValue must not throw
                return null;
            case CborReaderState.Boolean:
                return reader.ReadBoolean();
            case CborReaderState.Null:
                reader.ReadNull();
                return null;
            default:
                reader.SkipValue();
                return null;
        }
    }
}
