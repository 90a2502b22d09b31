namespace Sonic.Inference.Onnx;

/// <summary>The one exception type for the ONNX Runtime boundary; carries the model and ORT's own message.</summary>
public sealed class InferenceException : Exception
{
    public InferenceException(string model, string message, Exception? innerException = null)
        : base($"{model}: {message}", innerException) => Model = model;

    public InferenceException()
        : this("unknown", "inference failed")
    {
    }

    public InferenceException(string message)
        : this("unknown", message)
    {
    }

    public InferenceException(string message, Exception innerException)
        : this("unknown", message, innerException)
    {
    }

    public string Model { get; }
}
