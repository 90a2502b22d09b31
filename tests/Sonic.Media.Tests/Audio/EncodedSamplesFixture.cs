using Sonic.Testing;

namespace Sonic.Media.Tests.Audio;

/// <summary>
/// The WAV speech sample re-encoded by the real ffmpeg into other containers and WAV encodings, made once per test
/// class in a temp folder (never committed).
/// </summary>
public sealed class EncodedSamplesFixture : IDisposable
{
    private readonly Dictionary<string, string> _paths = [];
    private readonly Lock _lock = new();

    public EncodedSamplesFixture() => Folder = TestPaths.NewTempFolder("sonic-audio-encoded");

    public string Folder { get; }

    public static string Source => SampleMedia.ChineseSpeechWav;

    /// <summary>The source encoded as <paramref name="fileName"/> with the given ffmpeg output options (cached).</summary>
    public string Encode(string fileName, params string[] outputOptions)
    {
        lock (_lock)
        {
            if (!_paths.TryGetValue(fileName, out var path))
            {
                path = Path.Combine(Folder, fileName);
                MediaTools.Ffmpeg(["-i", Source, .. outputOptions, path]);
                _paths[fileName] = path;
            }

            return path;
        }
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
