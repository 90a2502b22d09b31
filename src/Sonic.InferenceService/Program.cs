using Sonic.InferenceService.Hosting;
using Sonic.Pipeline.Hosting;

return await SonicHost.RunAsync(
    () =>
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddSonicInferenceService();
        return builder.Build();
    },
    app => app.MapSonicInferenceService()).ConfigureAwait(false);
