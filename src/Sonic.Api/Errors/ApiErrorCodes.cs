namespace Sonic.Api.Errors;

/// <summary>
/// Codes for problems of the HTTP request itself. Problems with the inputs use the pipeline's
/// <see cref="Sonic.Media.Errors.ErrorCodes"/> (<c>invalid_parameter</c>, <c>input_not_found</c>, …).
/// </summary>
public static class ApiErrorCodes
{
    public const string MissingInput = "missing_input";
    public const string InvalidRequest = "invalid_request";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string RequestTooLarge = "request_too_large";
    public const string InputDownloadFailed = "input_download_failed";
    public const string Unauthorized = "unauthorized";
    public const string NotFound = "not_found";
    public const string JobFinished = "job_finished";
    public const string InternalError = "internal_error";
}
