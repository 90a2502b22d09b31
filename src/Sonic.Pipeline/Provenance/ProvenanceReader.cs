using System.Text.Json;
using System.Xml;
using Sonic.Media.Errors;
using Sonic.Media.Video;
using Sonic.Pipeline.Provenance.C2pa;

namespace Sonic.Pipeline.Provenance;

/// <summary>Reads a video's provenance marks (<see cref="ProvenanceReport"/>) from its boxes, without decoding it.</summary>
public static class ProvenanceReader
{
    /// <summary>The marks in the file's boxes; a file that is not ISO media (WebM, say) has none.</summary>
    /// <exception cref="SonicJobException"><c>input_not_found</c>.</exception>
    public static ProvenanceReport Read(string videoPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(videoPath);
        if (!File.Exists(videoPath))
        {
            throw new SonicJobException(ErrorCodes.InputNotFound, $"The video '{Path.GetFileName(videoPath)}' does not exist.");
        }

        // One open for all three readings.
        using var file = File.OpenRead(videoPath);
        if (!Mp4Xmp.IsIsoMedia(file))
        {
            return new ProvenanceReport(C2paReport.Absent, null, null);
        }

        var (aigc, sourceType) = Mp4Xmp.Read(file) is { } packet ? Parse(packet) : (null, null);
        return new ProvenanceReport(C2paReader.Read(file), aigc, sourceType);
    }

    private static (AigcMetadata.Fields? Aigc, string? SourceType) Parse(string packet)
    {
        var document = new XmlDocument { XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new StringReader(packet.TrimStart('\uFEFF')), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
            document.Load(reader);
        }
        catch (XmlException)
        {
            return (null, null);
        }

        var names = new XmlNamespaceManager(document.NameTable);
        names.AddNamespace("TC260", AigcMetadata.Namespace);
        names.AddNamespace("Iptc4xmpExt", "http://iptc.org/std/Iptc4xmpExt/2008-02-29/");
        var json = document.SelectSingleNode("//TC260:AIGC", names)?.InnerText;
        AigcMetadata.Fields? fields = null;
        if (json is not null)
        {
            try
            {
                fields = JsonSerializer.Deserialize<AigcMetadata.Fields>(json);
            }
            catch (JsonException)
            {
                // A label that is not the guide's JSON is reported as absent.
            }
        }

        return (fields, document.SelectSingleNode("//Iptc4xmpExt:DigitalSourceType", names)?.InnerText);
    }
}
