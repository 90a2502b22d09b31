namespace Sonic.Testing;

/// <summary>ffprobe's view of one media file.</summary>
public sealed record ProbeResult(IReadOnlyList<ProbeStream> Streams, ProbeFormat Format)
{
    public ProbeStream Video => Streams.Single(s => s.CodecType == "video");

    public ProbeStream Audio => Streams.Single(s => s.CodecType == "audio");
}
