using System.CommandLine;
using Sonic.Cli.Commands;

namespace Sonic.Cli;

/// <summary>The `sonic` command line: builds the command tree and runs it.</summary>
public static class SonicCli
{
    public static Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var output = new CliOutput(stdout ?? Console.Out, stderr ?? Console.Error);
        var root = new RootCommand("SonicFunctions: one portrait + one speech recording → a lip-synced talking-head MP4.");
        root.Subcommands.Add(RenderCommand.Create(output));
        root.Subcommands.Add(ModelsCommand.Create(output));
        root.Subcommands.Add(VerifyCommand.Create(output));
        var parse = root.Parse(args);
        return parse.InvokeAsync(new InvocationConfiguration { Output = output.Out, Error = output.Error });
    }
}
