using Microsoft.Azure.Functions.Worker.Builder;
using Sonic.Functions.Hosting;
using Sonic.Pipeline.Hosting;

return await SonicHost.RunAsync(() =>
{
    var builder = FunctionsApplication.CreateBuilder(args);
    builder.ConfigureFunctionsWebApplication();
    builder.Services.AddSonicFunctions(builder.Configuration);
    return builder.Build();
}).ConfigureAwait(false);
