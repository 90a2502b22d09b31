using Sonic.Pipeline.Hosting;
using Sonic.Worker.Hosting;

return await SonicHost.RunAsync(
    () =>
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddSonicWorker();
        return builder.Build();
    },
    app => app.MapSonicWorker()).ConfigureAwait(false);
