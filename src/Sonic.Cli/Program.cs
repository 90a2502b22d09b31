using Sonic.Cli;

// Thin host: everything the CLI does lives in SonicCli and its commands.
return await SonicCli.RunAsync(args).ConfigureAwait(false);
