namespace Sonic.Pipeline.Storage;

/// <summary>
/// Reading an artifact that does not exist. Both stores throw this (never a file-system or Azure 404 type), so stage
/// code can tell "missing input" from a transient storage fault without knowing which store it runs on.
/// </summary>
public sealed class ArtifactNotFoundException : Exception
{
    public ArtifactNotFoundException()
    {
    }

    public ArtifactNotFoundException(string message)
        : base(message)
    {
    }

    public ArtifactNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ArtifactNotFoundException(ArtifactRef artifact, Exception? innerException = null)
        : base($"Artifact {artifact} does not exist.", innerException)
    {
        Artifact = artifact;
    }

    public ArtifactRef? Artifact { get; }
}
