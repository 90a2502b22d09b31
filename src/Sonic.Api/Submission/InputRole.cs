namespace Sonic.Api.Submission;

/// <summary>The two halves of a job; the value is the multipart part name and the stored blob's stem.</summary>
public static class InputRole
{
    public const string Image = "image";
    public const string Audio = "audio";
}
