namespace Sonic.Media.Errors;

/// <summary>
/// The one exception type for problems with what the user gave us: a stable <see cref="Code"/> from
/// <see cref="ErrorCodes"/> and one human sentence. Never retried; shown to the user as it is.
/// </summary>
public sealed class SonicJobException : Exception
{
    public SonicJobException(string code, string message)
        : base(message) => Code = code;

    public SonicJobException(string code, string message, Exception innerException)
        : base(message, innerException) => Code = code;

    public SonicJobException()
        : this(ErrorCodes.InvalidParameter, "Invalid input.")
    {
    }

    public SonicJobException(string message)
        : this(ErrorCodes.InvalidParameter, message)
    {
    }

    public SonicJobException(string message, Exception innerException)
        : this(ErrorCodes.InvalidParameter, message, innerException)
    {
    }

    public string Code { get; }
}
