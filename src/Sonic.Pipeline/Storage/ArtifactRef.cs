namespace Sonic.Pipeline.Storage;

/// <summary>Where one artifact lives: a container (see <see cref="ContainerNames"/>) and a name inside it.</summary>
public readonly record struct ArtifactRef(string Container, string Name)
{
    public override string ToString() => $"{Container}/{Name}";
}
