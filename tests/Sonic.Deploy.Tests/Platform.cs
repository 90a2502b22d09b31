using System.Runtime.Versioning;

// The Bicep CLI package is linux-x64 and the bundled ffmpeg is a Linux binary: these tests run on Linux only.
[assembly: SupportedOSPlatform("linux")]
