using Sonic.InferenceService.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSonicInferenceService();
var app = builder.Build();
app.MapSonicInferenceService();
await app.RunAsync().ConfigureAwait(false);
