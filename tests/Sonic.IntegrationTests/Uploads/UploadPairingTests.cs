using Sonic.Orchestration.Uploads;
using Sonic.Pipeline.Storage;

namespace Sonic.IntegrationTests.Uploads;

/// <summary>The pure pairing rules (no storage): what the watcher and a blob trigger both rely on.</summary>
public sealed class UploadPairingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("anna.jpg", UploadRole.Image, "anna")]
    [InlineData("Anna.PNG", UploadRole.Image, "Anna")]
    [InlineData("team/anna.wav", UploadRole.Audio, "team/anna")]
    [InlineData("a.b.mp3", UploadRole.Audio, "a.b")]
    [InlineData("anna.json", UploadRole.Parameters, "anna")]
    [InlineData("anna.txt", UploadRole.Script, "anna")]
    [InlineData("anna.md", UploadRole.None, "anna")]
    [InlineData(".jpg", UploadRole.None, ".jpg")]
    [InlineData("folder.v2/readme", UploadRole.None, "folder.v2/readme")]
    public void RoleOf_And_Stem_FollowTheNamingConvention(string name, UploadRole role, string stem)
    {
        Assert.Equal(role, UploadNames.RoleOf(name));
        Assert.Equal(stem, UploadNames.Stem(name));
    }

    [Fact]
    public void Group_PairsImageAndAudioOfTheSameStem_AndLeavesHalvesIncomplete()
    {
        var groups = UploadPairing.Group([Blob("anna.jpg", "1"), Blob("anna.wav", "2"), Blob("anna.json", "3"), Blob("bob.png", "4"), Blob("notes.txt", "5")]);

        Assert.Equal(["anna", "bob", "notes"], groups.Select(g => g.Stem));
        var pair = groups[0].ToPair();
        Assert.NotNull(pair);
        Assert.Equal(("anna.jpg", "anna.wav", "anna.json"), (pair.Image.Ref.Name, pair.Audio?.Ref.Name, pair.Parameters?.Ref.Name));
        Assert.Null(groups[1].ToPair());
        Assert.Null(groups[2].ToPair()); // a script without a portrait
    }

    [Fact]
    public void ToPair_ImageWithAScriptOrParameters_MayBeAJob_AndTheScriptIsPartOfItsId()
    {
        var spoken = UploadPairing.Group([Blob("anna.jpg", "1"), Blob("anna.txt", "2")])[0].ToPair()!;
        var respoken = UploadPairing.Group([Blob("anna.jpg", "1"), Blob("anna.txt", "3")])[0].ToPair()!;

        Assert.Null(spoken.Audio);
        Assert.Equal("anna.txt", spoken.Script?.Ref.Name);
        Assert.NotEqual(spoken.JobId, respoken.JobId);
        Assert.NotNull(UploadPairing.Group([Blob("anna.jpg", "1"), Blob("anna.json", "2")])[0].ToPair()); // the dispatcher reads it for a script
    }

    [Fact]
    public void JobId_IsStableForTheSameUploads_AndChangesWithAnyETag()
    {
        UploadPair Pair(string imageTag, string? parametersTag) => UploadPairing.Group(
            parametersTag is null
                ? [Blob("anna.jpg", imageTag), Blob("anna.wav", "a")]
                : [Blob("anna.jpg", imageTag), Blob("anna.wav", "a"), Blob("anna.json", parametersTag)])[0].ToPair()!;

        Assert.Equal(Pair("i", null).JobId, Pair("i", null).JobId);
        Assert.StartsWith("up-anna-", Pair("i", null).JobId, StringComparison.Ordinal);
        Assert.NotEqual(Pair("i", null).JobId, Pair("i2", null).JobId);
        Assert.NotEqual(Pair("i", null).JobId, Pair("i", "p").JobId);
        Assert.NotEqual(Pair("i", "p").JobId, Pair("i", "p2").JobId);
    }

    [Fact]
    public void ToPair_WithTwoImagesForOneStem_TakesTheNewest()
    {
        var pair = UploadPairing.Group([Blob("anna.png", "1", minutes: 0), Blob("anna.jpg", "2", minutes: 5), Blob("anna.wav", "3")])[0].ToPair();

        Assert.Equal("anna.jpg", pair?.Image.Ref.Name);
    }

    private static ArtifactInfo Blob(string name, string etag, int minutes = 0)
        => new(new ArtifactRef(ContainerNames.Uploads, name), 10, etag, T0.AddMinutes(minutes));
}
