using Sonic.Inference.SonicEngine;

namespace Sonic.Inference.Tests.SonicEngine.Engine;

/// <summary>
/// The arithmetic stand-in models pass the same verifier a real Sonic folder must pass. With SONIC_WRITE_TEST_MODELS
/// set, the folder is written there and kept: bench/sonic-engine.sh renders with it.
/// </summary>
public sealed class ArithmeticModelFolderTests
{
    [Fact]
    public void ArithmeticModels_SatisfyTheContract()
    {
        var target = Environment.GetEnvironmentVariable("SONIC_WRITE_TEST_MODELS");
        var folder = string.IsNullOrEmpty(target) ? Directory.CreateTempSubdirectory("sonic-arith-").FullName : target;
        try
        {
            ArithmeticSonicModels.Write(folder, half: true, withRife: true, new { resolution = new { min = 64, max = 1024 } });

            var report = SonicModelVerifier.Verify(folder);

            Assert.True(report.IsValid, report.Summary());
            Assert.True(report.HasRife);
            Assert.Equal("fp16", report.Files.Single(f => f.FileName == SonicModelContract.Unet).Dtype);
            Assert.Equal("fp32", report.Files.Single(f => f.FileName == SonicModelContract.AudioToToken).Dtype);
        }
        finally
        {
            if (string.IsNullOrEmpty(target))
            {
                Sonic.Testing.TestPaths.TryDeleteFolder(folder);
            }
        }
    }
}
