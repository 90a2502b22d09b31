namespace Sonic.Api.Submission;

/// <summary>Where one input half of a submitted job comes from.</summary>
public enum InputKind
{
    /// <summary>A multipart part, already saved to the request's scratch folder.</summary>
    UploadedFile,

    /// <summary>A blob that already exists in the <c>uploads</c> container.</summary>
    UploadsBlob,

    /// <summary>An HTTPS URL to fetch.</summary>
    Url,
}
