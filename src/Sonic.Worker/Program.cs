using Sonic.Worker.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSonicWorker();
var app = builder.Build();
app.MapSonicWorker();
await app.RunAsync().ConfigureAwait(false);
