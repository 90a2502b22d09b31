using System.Text.Json;

namespace Sonic.Testing.C2pa;

/// <summary>
/// The official C2PA validator — c2pa-rs as WebAssembly (<c>@contentauth/c2pa-wasm</c> 0.13.3, unpacked by
/// scripts/setup.sh) — run by Node on a file: its manifest store JSON with <c>validation_state</c>,
/// <c>validation_status</c> and <c>validation_results</c>, or <c>{"error": …}</c> when it refuses the file.
/// </summary>
public static class C2paValidator
{
    public static async Task<JsonElement> ValidateAsync(string path, string? trustAnchorsPem = null)
    {
        var script = Path.Combine(TestPaths.RepositoryRoot, "tests", "Sonic.Testing", "C2pa", "c2pa-validate.mjs");
        using var node = ToolProcess.Start("node", trustAnchorsPem is null ? [script, path] : [script, path, trustAnchorsPem]);
        var stderr = node.StandardError.ReadToEndAsync();
        var stdout = await node.StandardOutput.ReadToEndAsync();
        await node.WaitForExitAsync();
        if (node.ExitCode != 0)
        {
            throw new InvalidOperationException($"The C2PA validator failed: {await stderr}");
        }

        using var document = JsonDocument.Parse(stdout);
        return document.RootElement.Clone();
    }

    /// <summary>The codes of a validation's <c>validation_status</c> (its failures), in order.</summary>
    public static IReadOnlyList<string> StatusCodes(JsonElement store) =>
        store.TryGetProperty("validation_status", out var status) ? status.EnumerateArray().Select(s => s.GetProperty("code").GetString()!).ToList() : [];
}
