using System.Text.Json.Serialization;

namespace Sonic.Api.Contracts;

/// <summary>
/// The body of <c>POST /api/faces</c>: the portrait's size as decoded (EXIF orientation applied), the face that would
/// be animated, the square crop it gets (source pixels), how many faces there were, and warnings.
/// </summary>
public sealed record FaceLocated(
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("height")] int Height,
    [property: JsonPropertyName("face")] FaceLocated.Box Face,
    [property: JsonPropertyName("crop")] FaceLocated.Square Crop,
    [property: JsonPropertyName("face_count")] int FaceCount,
    [property: JsonPropertyName("warnings")] IReadOnlyList<string> Warnings)
{
    public sealed record Box(
        [property: JsonPropertyName("x")] double X,
        [property: JsonPropertyName("y")] double Y,
        [property: JsonPropertyName("width")] double Width,
        [property: JsonPropertyName("height")] double Height);

    public sealed record Square(
        [property: JsonPropertyName("x")] int X,
        [property: JsonPropertyName("y")] int Y,
        [property: JsonPropertyName("side")] int Side,
        [property: JsonPropertyName("resized_side")] int ResizedSide);
}
