using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using PuppeteerSharp;
using Sonic.Testing;

namespace Sonic.Inference.Tests.Landmarks;

/// <summary>
/// Runs a TFLite model with TensorFlow's own TFLite runtime for the web (<c>@tensorflow/tfjs-tflite</c>, WebAssembly,
/// installed into .tools/tfjs by scripts/setup.sh) in the system's headless Chromium (Debian's <c>chromium</c>),
/// served from a loopback HTTP listener: the reference the ONNX conversion is compared with. (MediaPipe's own face
/// mesh solution from the same npm package aborts in headless Chromium while opening its detection graph, so the
/// original model is run here directly, input for input — a tighter comparison than landmarks of two pipelines.)
/// </summary>
internal static class TfliteInBrowser
{
    public const string Chromium = "/usr/bin/chromium";

    private const string Page = """
        <!doctype html><html><body>
        <script src="/tfjs-core/dist/tf-core.min.js"></script>
        <script src="/tfjs-backend-cpu/dist/tf-backend-cpu.min.js"></script>
        <script src="/tfjs-tflite/dist/tf-tflite.min.js"></script>
        <script>
          (async () => {
            try {
              await tf.setBackend('cpu');
              tflite.setWasmPath('/tfjs-tflite/wasm/');
              const model = await tflite.loadTFLiteModel('/model.tflite', { numThreads: 1 });
              const shape = JSON.parse(await (await fetch('/shape.json')).text());
              const input = tf.tensor(new Float32Array(await (await fetch('/input.bin')).arrayBuffer()), shape);
              const out = model.predict(input);
              const outputs = out instanceof tf.Tensor ? [out] : Object.values(out);
              window.result = JSON.stringify(outputs.map(t => Array.from(t.dataSync())));
            } catch (e) { window.result = JSON.stringify({ error: String(e) }); }
          })();
        </script></body></html>
        """;

    /// <summary>Every output of <paramref name="tflite"/> for one NHWC float input, as the TFLite runtime computes them.</summary>
    public static async Task<float[][]> RunAsync(byte[] tflite, float[] input, int[] shape)
    {
        var tools = Path.Combine(TestPaths.RepositoryRoot, ".tools", "tfjs");
        var inputBytes = new byte[input.Length * 4];
        Buffer.BlockCopy(input, 0, inputBytes, 0, inputBytes.Length);
        var files = new Dictionary<string, byte[]>
        {
            ["/index.html"] = Encoding.UTF8.GetBytes(Page),
            ["/model.tflite"] = tflite,
            ["/input.bin"] = inputBytes,
            ["/shape.json"] = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(shape)),
        };

        using var listener = new HttpListener();
        var port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        using var stop = new CancellationTokenSource();
        var serving = Serve(listener, tools, files, stop.Token);
        try
        {
            await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions { Headless = true, ExecutablePath = Chromium, Args = ["--no-sandbox"] });
            await using var page = await browser.NewPageAsync();
            var console = new List<string>();
            page.Console += (_, e) => console.Add(e.Message.Text);
            await page.GoToAsync($"http://127.0.0.1:{port}/index.html");
            await page.WaitForFunctionAsync("() => window.result !== undefined", new WaitForFunctionOptions { Timeout = 120_000 });
            using var document = JsonDocument.Parse(await page.EvaluateExpressionAsync<string>("window.result"));
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException("The TFLite runtime failed in Chromium: " + error.GetString() + " | " + string.Join(" | ", console.TakeLast(6)));
            }

            return [.. root.EnumerateArray().Select(o => o.EnumerateArray().Select(v => v.GetSingle()).ToArray())];
        }
        finally
        {
            await stop.CancelAsync();
            listener.Stop();
            await serving;
        }
    }

    private static async Task Serve(HttpListener listener, string tools, Dictionary<string, byte[]> files, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().WaitAsync(stop);
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var path = context.Request.Url!.AbsolutePath;
            var body = files.GetValueOrDefault(path);
            if (body is null && path.Split('/', StringSplitOptions.RemoveEmptyEntries) is [var package, .. var rest] && !rest.Contains(".."))
            {
                var file = Path.Combine([tools, package, "package", .. rest]);
                body = File.Exists(file) ? await File.ReadAllBytesAsync(file, stop) : null;
            }

            context.Response.StatusCode = body is null ? 404 : 200;
            context.Response.ContentType = Path.GetExtension(path) switch
            {
                ".html" => "text/html",
                ".js" => "text/javascript",
                ".wasm" => "application/wasm",
                ".json" => "application/json",
                _ => "application/octet-stream",
            };
            if (body is not null)
            {
                await context.Response.OutputStream.WriteAsync(body, stop);
            }

            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
