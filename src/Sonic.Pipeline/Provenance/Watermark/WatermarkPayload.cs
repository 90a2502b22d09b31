using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Sonic.Pipeline.Provenance.Watermark;

/// <summary>
/// The watermark's 64 bits: 16 naming the issuer (a hash of the deployment's content producer) and 48 naming the
/// content (a hash of the job id — the implicit label's ProduceID), so a re-encoded copy without any metadata can still
/// be traced to its job by whoever holds the job list.
/// </summary>
public static class WatermarkPayload
{
    public static ulong For(string issuer, string contentId) => ((ulong)Issuer(issuer) << 48) | ContentHash(contentId);

    public static ushort Issuer(string issuer) => BinaryPrimitives.ReadUInt16BigEndian(Hash(issuer));

    public static ulong ContentHash(string contentId) => BinaryPrimitives.ReadUInt64BigEndian(Hash(contentId)) >> 16;

    public static ushort IssuerOf(ulong payload) => (ushort)(payload >> 48);

    public static ulong ContentHashOf(ulong payload) => payload & 0xFFFF_FFFF_FFFFUL;

    private static byte[] Hash(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return SHA256.HashData(Encoding.UTF8.GetBytes(text));
    }
}
