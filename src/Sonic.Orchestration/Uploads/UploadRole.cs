namespace Sonic.Orchestration.Uploads;

/// <summary>The part a blob in <c>uploads</c> plays in a pair.</summary>
public enum UploadRole
{
    /// <summary>Not part of the convention (unknown extension); ignored.</summary>
    None,
    Image,
    Audio,
    Parameters,

    /// <summary>A script to speak (<c>stem.txt</c>).</summary>
    Script,
}
