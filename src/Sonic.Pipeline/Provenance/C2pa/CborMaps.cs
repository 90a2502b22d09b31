using System.Formats.Cbor;

namespace Sonic.Pipeline.Provenance.C2pa;

/// <summary>
/// Reads CBOR into plain values for inspection — maps with text keys as dictionaries, arrays as lists, byte strings as
/// byte arrays, text as strings, integers as longs — skipping tags. For reading manifests, never for writing them.
/// </summary>
public static class CborMaps
{
    public static Dictionary<string, object?> ReadMap(ReadOnlyMemory<byte> cbor) =>
        Read(new CborReader(cbor, CborConformanceMode.Lax)) as Dictionary<string, object?> ?? throw new FormatException("The CBOR is not a map.");

    private static object? Read(CborReader reader)
    {
        switch (reader.PeekState())
        {
            case CborReaderState.Tag:
                reader.ReadTag();
                return Read(reader);
            case CborReaderState.StartMap:
            {
                reader.ReadStartMap();
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    var key = Read(reader);
                    map[Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty] = Read(reader);
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
                    list.Add(Read(reader));
                }

                reader.ReadEndArray();
                return list;
            }

            case CborReaderState.ByteString:
                return reader.ReadByteString();
            case CborReaderState.TextString:
                return reader.ReadTextString();
            case CborReaderState.UnsignedInteger:
            case CborReaderState.NegativeInteger:
                return reader.ReadInt64();
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
