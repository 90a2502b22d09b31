using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sonic.Orchestration.Batches;

/// <summary>
/// Batch and item ids. A batch id hashes what makes the batch (the portrait, every item's audio and parameters), so
/// the same manifest and files submitted again (or one drop notified twice) name the same batch, which starts once.
/// Items are <c>{batchId}-{index}</c>: ordinary job ids, readable through <c>GET /api/videos/{id}</c>.
/// </summary>
public static class BatchIds
{
    public const string Prefix = "batch-";

    /// <param name="identity">One line per thing that makes the batch, in order (content hashes, names and ETags, parameters).</param>
    public static string From(IEnumerable<string> identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', identity)));
        return Prefix + Convert.ToHexStringLower(hash)[..24];
    }

    public static string Item(string batchId, int index) => string.Create(CultureInfo.InvariantCulture, $"{batchId}-{index + 1:D3}");
}
