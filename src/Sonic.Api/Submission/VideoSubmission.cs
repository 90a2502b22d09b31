using Sonic.Pipeline.Jobs;

namespace Sonic.Api.Submission;

/// <summary>A parsed, parameter-validated POST: nothing has been stored yet; no audio when a script speaks instead.</summary>
public sealed record VideoSubmission(RenderParameters Parameters, InputSource Image, InputSource? Audio);
