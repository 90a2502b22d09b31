using System.Globalization;
using System.Text.Json;
using Sonic.Media.Video;

namespace Sonic.Testing;

/// <summary>
/// Runs the real ffprobe (<c>-v error -print_format json -show_format -show_streams</c>) and parses what the media
/// tests assert on. ffprobe prints most numbers as strings; both forms are accepted.
/// </summary>
public static class Ffprobe
{
    public static async Task<ProbeResult> ProbeAsync(string path, CancellationToken cancellationToken = default)
    {
        var tools = FfmpegEnvironment.EnsureConfigured();
        using var process = ToolProcess.Start(
            tools.FfprobePath, ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", path]);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new MediaToolException($"ffprobe failed on {path}.", await stderr, process.ExitCode);
        }

        return Parse(await stdout);
    }

    public static ProbeResult Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var streams = new List<ProbeStream>();
        if (root.TryGetProperty("streams", out var streamArray))
        {
            foreach (var s in streamArray.EnumerateArray())
            {
                streams.Add(new ProbeStream(
                    Index: (int)(Long(s, "index") ?? 0),
                    CodecType: Text(s, "codec_type") ?? string.Empty,
                    CodecName: Text(s, "codec_name") ?? string.Empty,
                    Profile: Text(s, "profile"),
                    CodecTag: Text(s, "codec_tag_string"),
                    PixelFormat: Text(s, "pix_fmt"),
                    FrameRate: Text(s, "r_frame_rate"),
                    Width: (int)(Long(s, "width") ?? 0),
                    Height: (int)(Long(s, "height") ?? 0),
                    SampleRate: (int)(Long(s, "sample_rate") ?? 0),
                    Channels: (int)(Long(s, "channels") ?? 0),
                    Duration: Double(s, "duration"),
                    FrameCount: Long(s, "nb_frames"),
                    BitRate: Long(s, "bit_rate"),
                    ColorSpace: Text(s, "color_space")));
            }
        }

        var f = root.GetProperty("format");
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (f.TryGetProperty("tags", out var tagObject))
        {
            foreach (var tag in tagObject.EnumerateObject())
            {
                tags[tag.Name] = tag.Value.ToString();
            }
        }

        var format = new ProbeFormat(
            Text(f, "format_name") ?? string.Empty, Double(f, "duration"), Long(f, "bit_rate"), Long(f, "size") ?? 0, tags);
        return new ProbeResult(streams, format);
    }

    private static string? Text(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) ? value.ToString() : null;

    private static long? Long(JsonElement element, string name)
        => Text(element, name) is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static double? Double(JsonElement element, string name)
        => Text(element, name) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}
