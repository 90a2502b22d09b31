namespace Sonic.Inference.Onnx.Graphs;

/// <summary>
/// A named value in a graph under construction. Arithmetic on it appends broadcasting ONNX nodes (Add, Sub, Mul, Div),
/// with float literals turned into shared scalar initializers.
/// </summary>
internal readonly record struct GraphValue(OnnxGraphBuilder Builder, string Name)
{
    public static GraphValue operator +(GraphValue a, GraphValue b) => a.Builder.Node("Add", a, b);

    public static GraphValue operator +(GraphValue a, float b) => a.Builder.Node("Add", a, a.Builder.Scalar(b));

    public static GraphValue operator +(float a, GraphValue b) => b.Builder.Node("Add", b.Builder.Scalar(a), b);

    public static GraphValue operator -(GraphValue a, GraphValue b) => a.Builder.Node("Sub", a, b);

    public static GraphValue operator -(GraphValue a, float b) => a.Builder.Node("Sub", a, a.Builder.Scalar(b));

    public static GraphValue operator -(float a, GraphValue b) => b.Builder.Node("Sub", b.Builder.Scalar(a), b);

    public static GraphValue operator -(GraphValue a) => a.Builder.Node("Neg", a);

    public static GraphValue operator *(GraphValue a, GraphValue b) => a.Builder.Node("Mul", a, b);

    public static GraphValue operator *(GraphValue a, float b) => a.Builder.Node("Mul", a, a.Builder.Scalar(b));

    public static GraphValue operator *(float a, GraphValue b) => b.Builder.Node("Mul", b.Builder.Scalar(a), b);

    public static GraphValue operator /(GraphValue a, GraphValue b) => a.Builder.Node("Div", a, b);

    public static GraphValue operator /(GraphValue a, float b) => a.Builder.Node("Mul", a, a.Builder.Scalar(1f / b));

    public static GraphValue operator /(float a, GraphValue b) => b.Builder.Node("Div", b.Builder.Scalar(a), b);

    public GraphValue Add(GraphValue other) => this + other;

    public GraphValue Subtract(GraphValue other) => this - other;

    public GraphValue Multiply(GraphValue other) => this * other;

    public GraphValue Divide(GraphValue other) => this / other;

    public GraphValue Negate() => -this;
}
