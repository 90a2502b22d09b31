using System.Text;
using Sonic.Inference.SonicEngine.Parity;
using Sonic.Media.Errors;
using Sonic.Testing;

namespace Sonic.Inference.Tests.SonicEngine.Parity;

/// <summary>The .npy files of parity dumps: numpy.save's format, built byte by byte here (numpy is not installed in CI).</summary>
public sealed class NpyFileTests : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder("sonic-npy");

    [Fact]
    public void WriteThenRead_KeepsShapeAndValues()
    {
        var path = Path.Combine(folder, "a.npy");
        var tensor = new SonicTensor([2, 3, 1], [1.5f, -2f, 0f, 3.25f, float.MaxValue, 1e-7f]);

        NpyFile.Write(path, tensor);
        var read = NpyFile.Read(path);

        Assert.Equal(tensor.Shape, read.Shape);
        Assert.Equal(tensor.Values, read.Values);
        // The header (magic, version, length, dict) is padded to a multiple of 64 bytes, as numpy writes it.
        Assert.Equal(0, (File.ReadAllBytes(path).Length - (6 * 4)) % 64);
    }

    [Theory]
    [InlineData("<f8", 8)]
    [InlineData("|u1", 1)]
    [InlineData("<i8", 8)]
    public void Read_NumpysOtherDtypes_AsFloats(string dtype, int width)
    {
        var path = Path.Combine(folder, "b.npy");
        var data = new byte[6 * width];
        for (var i = 0; i < 6; i++)
        {
            switch (dtype)
            {
                case "<f8": BitConverter.GetBytes((double)i / 2).CopyTo(data, i * 8); break;
                case "|u1": data[i] = (byte)(i * 40); break;
                default: BitConverter.GetBytes((long)-i).CopyTo(data, i * 8); break;
            }
        }

        File.WriteAllBytes(path, Npy($"{{'descr': '{dtype}', 'fortran_order': False, 'shape': (2, 3), }}", data));

        var read = NpyFile.Read(path);

        Assert.Equal([2, 3], read.Shape);
        float[] expected = dtype switch
        {
            "<f8" => [0f, 0.5f, 1f, 1.5f, 2f, 2.5f],
            "|u1" => [0f, 40f, 80f, 120f, 160f, 200f],
            _ => [0f, -1f, -2f, -3f, -4f, -5f],
        };
        Assert.Equal(expected, read.Values);
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", 24, "Fortran order")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 20, "fewer values than its shape")]
    [InlineData("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", 4, "dtype '>f4'")]
    public void Read_FilesItCannotUse_SayWhyWithTheirPath(string header, int dataBytes, string why)
    {
        var path = Path.Combine(folder, "c.npy");
        File.WriteAllBytes(path, Npy(header, new byte[dataBytes]));

        var error = Assert.Throws<SonicJobException>(() => NpyFile.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => TestPaths.TryDeleteFolder(folder);

    private static byte[] Npy(string header, byte[] data)
    {
        var text = header + "\n";
        var head = new List<byte> { 0x93 };
        head.AddRange("NUMPY"u8.ToArray());
        head.AddRange([1, 0, (byte)text.Length, 0]);
        head.AddRange(Encoding.ASCII.GetBytes(text));
        head.AddRange(data);
        return [.. head];
    }
}
