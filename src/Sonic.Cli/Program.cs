using System.Text;
using Sonic.Cli;

// Names in what the CLI prints (file names, --json) are UTF-8 on every platform: .NET on Linux already writes UTF-8,
// a Windows console would use its OEM code page and print '?'.
Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

// Thin host: everything the CLI does lives in SonicCli and its commands.
return await SonicCli.RunAsync(args).ConfigureAwait(false);
