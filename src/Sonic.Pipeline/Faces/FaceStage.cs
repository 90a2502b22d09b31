using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SkiaSharp;
using Sonic.Inference.Animation;
using Sonic.Inference.Faces;
using Sonic.Media.Errors;
using Sonic.Media.Images;
using Sonic.Pipeline.Jobs;

namespace Sonic.Pipeline.Faces;

/// <summary>
/// The image stage: load the portrait (format by content, EXIF orientation applied), refuse images that are too
/// small, find the largest face, and cut and resize the square crop the animator works on (upstream Sonic's
/// <c>preprocess</c> + <c>crop_image</c> + resize, see <see cref="FaceCropCalculator"/>).
/// </summary>
public sealed partial class FaceStage(ImageLoader loader, IFaceDetector detector, ILogger<FaceStage> logger)
{
    /// <summary>A crop enlarged more than this many times looks soft; the user is told.</summary>
    private const double SoftUpscale = 4.0;

    /// <summary>The name of the detector <see cref="Prepare"/> uses with <paramref name="faceDetector"/> (a cache key part).</summary>
    public string DetectorName(IFaceDetector? faceDetector = null) => (faceDetector ?? detector).Name;

    /// <summary>
    /// The crop for <paramref name="parameters"/>; without min_resolution at the animator's <paramref name="nativeResolution"/>;
    /// with <paramref name="faceDetector"/> (a Sonic folder's own) instead of this stage's detector when given.
    /// </summary>
    public PreparedPortrait Prepare(
        string imagePath, RenderParameters parameters, CancellationToken cancellationToken, int? nativeResolution = null, IFaceDetector? faceDetector = null)
    {
        var finder = faceDetector ?? detector;
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();

        var image = loader.Load(imagePath);
        try
        {
            var (face, faceCount, plan, warnings) = Locate(image, parameters, finder, nativeResolution, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            var rgba = LanczosResampler.Resize(image.Bitmap, SKRectI.Create(plan.X, plan.Y, plan.Side, plan.Side), plan.ResizedSide, plan.ResizedSide);
            // Upstream detects the face a second time on the cropped file to place its face mask
            // (image_audio_to_tensor); mapping the first detection into the crop gives the same box without a
            // second inference, and avoids a second detection landing on a different face.
            var portrait = new PortraitCrop(plan.ResizedSide, rgba, plan.MapIntoCrop(face), plan.Side);

            Log.Prepared(logger, Path.GetFileName(imagePath), image.Format, image.Width, image.Height, faceCount, face.Score, plan.X, plan.Y, plan.Side, plan.ResizedSide, clock.Elapsed.TotalMilliseconds);
            foreach (var warning in warnings)
            {
                Log.Warning(logger, warning);
            }

            return new PreparedPortrait(image.Bitmap, plan, portrait, warnings, face, image.Format, finder.Name);
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Only where the face is and what crop it gets, without cutting or resizing it: the studio's portrait preview
    /// (<c>POST /api/faces</c>), with the same checks, messages and warnings as <see cref="Prepare"/>.
    /// </summary>
    /// <param name="nativeResolution">and <paramref name="faceDetector"/>: as for <see cref="Prepare"/> (see <c>AnimatorCatalog.FramingFor</c>).</param>
    public FaceLocation Locate(
        byte[] image, string name, RenderParameters parameters, int? nativeResolution, IFaceDetector? faceDetector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        using var loaded = loader.Load(image, name);
        var (face, faceCount, plan, warnings) = Locate(loaded, parameters, faceDetector ?? detector, nativeResolution, cancellationToken);
        return new FaceLocation(loaded.Width, loaded.Height, face.Box, faceCount, plan, warnings);
    }

    private static (FaceDetection Face, int FaceCount, CropPlan Plan, List<string> Warnings) Locate(
        LoadedImage image, RenderParameters parameters, IFaceDetector finder, int? nativeResolution, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        if (ImageSizeRules.Check(image.Width, image.Height) is { } sizeWarning)
        {
            warnings.Add(sizeWarning);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var faces = finder.Detect(image.Bitmap);
        if (faces.Count == 0)
        {
            throw new SonicJobException(ErrorCodes.NoFaceDetected, "No face was found in the image; use a photo or drawing with one clearly visible face.");
        }

        // The largest face wins (upstream: maxface=True), whatever order the detector used.
        var face = faces.MaxBy(f => f.Box.Area)!;
        if (faces.Count > 1)
        {
            warnings.Add($"{faces.Count} faces were found; the largest one is animated.");
        }

        var plan = FaceCropCalculator.Plan(face.Box, image.Width, image.Height, parameters.ExpandRatio, parameters.CropSide(nativeResolution));
        if (plan.Scale > SoftUpscale)
        {
            warnings.Add($"The face crop is only {plan.Side}×{plan.Side} pixels and is enlarged to {plan.ResizedSide}×{plan.ResizedSide}; it may look soft.");
        }

        return (face, faces.Count, plan, warnings);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1400, Level = LogLevel.Information,
            Message = "Portrait {Name}: {Format} {Width}x{Height}, {Faces} face(s), score {Score:F2}; crop {Side}px at ({X},{Y}) → {Resized}px in {Milliseconds:F0} ms")]
        public static partial void Prepared(ILogger logger, string name, string format, int width, int height, int faces, float score, int x, int y, int side, int resized, double milliseconds);

        [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Portrait warning: {Warning}")]
        public static partial void Warning(ILogger logger, string warning);
    }
}
