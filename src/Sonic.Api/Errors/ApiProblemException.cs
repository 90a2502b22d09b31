namespace Sonic.Api.Errors;

/// <summary>A request the API refuses, with the HTTP status, a stable code and one sentence for the client.</summary>
public sealed class ApiProblemException : Exception
{
    public ApiProblemException(int statusCode, string code, string message)
        : base(message)
    {
        StatusCode = statusCode;
        Code = code;
    }

    public ApiProblemException()
        : this(500, ApiErrorCodes.InternalError, "The request failed.")
    {
    }

    public ApiProblemException(string message)
        : this(400, ApiErrorCodes.InvalidRequest, message)
    {
    }

    public ApiProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = 400;
        Code = ApiErrorCodes.InvalidRequest;
    }

    public int StatusCode { get; }

    public string Code { get; }
}
