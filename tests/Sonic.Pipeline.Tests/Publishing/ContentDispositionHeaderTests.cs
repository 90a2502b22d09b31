using System.Net.Http.Headers;
using Sonic.Pipeline.Publishing;

namespace Sonic.Pipeline.Tests.Publishing;

public sealed class ContentDispositionHeaderTests
{
    [Theory]
    [InlineData("a\"b.mp4")]
    [InlineData("a\\b.mp4")]
    [InlineData("x\r\ny.mp4")]
    [InlineData("tab\there.mp4")]
    [InlineData("nul\0.mp4")]
    public void Attachment_NameWithQuoteBackslashOrControlCharacter_IsRefused(string name)
    {
        Assert.Throws<ArgumentException>(() => ContentDispositionHeader.Attachment(name));
    }

    [Theory]
    [InlineData("Leo_talks.mp4", "Leo_talks.mp4")]
    [InlineData("你好_世界.mp4", "_____.mp4")]
    [InlineData("Café_crème.mp4", "Caf__cr_me.mp4")]
    public void Attachment_Name_HasAsciiFallbackAndAnRfc5987NameThatDecodesBack(string name, string fallback)
    {
        var header = ContentDispositionHeader.Attachment(name);
        var parsed = ContentDispositionHeaderValue.Parse(header);

        Assert.StartsWith("attachment; ", header, StringComparison.Ordinal);
        Assert.All(header, c => Assert.InRange(c, ' ', '~'));
        Assert.Equal("attachment", parsed.DispositionType);
        Assert.Equal(fallback, parsed.FileName?.Trim('"'));
        Assert.Contains($"filename=\"{fallback}\";", header, StringComparison.Ordinal);
        Assert.Equal(name, parsed.FileNameStar);
    }

    [Fact]
    public void EncodeRfc5987_PercentEncodesUtf8BytesAndKeepsAttrChars()
    {
        Assert.Equal("%E4%BD%A0%E5%A5%BD%20a-b.c_d~%27%25", ContentDispositionHeader.EncodeRfc5987("你好 a-b.c_d~'%"));
    }
}
