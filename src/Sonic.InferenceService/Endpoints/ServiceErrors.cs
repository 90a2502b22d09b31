using Sonic.Pipeline.Jobs;

namespace Sonic.InferenceService.Endpoints;

/// <summary>Every error answer is <c>{"code": "...", "message": "one sentence"}</c> (a <see cref="JobError"/>).</summary>
public static class ServiceErrors
{
    public static IResult Create(int statusCode, string code, string message)
        => Results.Json(new JobError(code, message), statusCode: statusCode);
}
