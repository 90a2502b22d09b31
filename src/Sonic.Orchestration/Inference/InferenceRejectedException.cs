namespace Sonic.Orchestration.Inference;

/// <summary>
/// The service refused a request for good (a 4xx other than 404/408/429: bad key, unknown model, inputs missing):
/// asking again cannot help, so the orchestrator fails the job at once instead of waiting out its budget.
/// </summary>
public sealed class InferenceRejectedException : Exception
{
    public InferenceRejectedException(int statusCode, string code, string message)
        : base($"{code}: {message} (HTTP {statusCode})")
    {
        StatusCode = statusCode;
        Code = code;
    }

    public InferenceRejectedException()
    {
        Code = string.Empty;
    }

    public InferenceRejectedException(string message)
        : base(message)
    {
        Code = string.Empty;
    }

    public InferenceRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = string.Empty;
    }

    public int StatusCode { get; }

    public string Code { get; }
}
