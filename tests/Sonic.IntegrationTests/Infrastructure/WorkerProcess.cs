using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Sonic.Testing;

namespace Sonic.IntegrationTests.Infrastructure;

/// <summary>
/// The real worker as a child process (<c>dotnet src/Sonic.Worker/bin/&lt;cfg&gt;/net10.0/Sonic.Worker.dll</c>),
/// configured through environment variables, so a test can kill it mid-job like a crash would.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private int encodes;

    private WorkerProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string DllPath
    {
        get
        {
            var configuration = typeof(WorkerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            return Path.Combine(TestPaths.RepositoryRoot, "src", "Sonic.Worker", "bin", configuration, "net10.0", "Sonic.Worker.dll");
        }
    }

    public bool HasExited => process.HasExited;

    /// <summary>How many videos this process has encoded (it logs each at Information).</summary>
    public int VideosEncoded => Volatile.Read(ref encodes);

    /// <summary>The most resident memory the process has had so far (Linux VmHWM), in bytes.</summary>
    public long PeakMemoryBytes =>
        File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] is var kb ? long.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) * 1024 : 0;

    /// <summary>The last lines the worker wrote, for failure messages.</summary>
    public string OutputTail => string.Join('\n', output.TakeLast(80));

    public static WorkerProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = TestPaths.RepositoryRoot,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("The worker did not start."));
    }

    /// <summary>Like a crash: no graceful shutdown, leases and dequeued messages are left behind.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        if (line.Contains("[3101]", StringComparison.Ordinal))
        {
            // VideoEncoder's "Encoded …" event: one per encode activity this process ran.
            Interlocked.Increment(ref encodes);
        }

        while (output.Count > 400)
        {
            output.TryDequeue(out _);
        }
    }
}
