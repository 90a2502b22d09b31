using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sonic.Testing;

/// <summary>
/// A real Azurite (blob, queue, table) on free loopback ports, in memory or in a folder, for one test collection.
/// Installed by scripts/setup.sh under .tools/azurite. Killed with its process tree on dispose.
/// </summary>
public sealed class AzuriteFixture : IDisposable
{
    public const string AccountName = "devstoreaccount1";

    // Azurite's well-known development key (public, documented by Microsoft; not a secret).
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string executable;
    private readonly string? folder;
    private Process process;

    /// <summary>In memory: everything is gone with the process.</summary>
    public AzuriteFixture()
        : this(folder: null)
    {
    }

    // xunit builds collection fixtures through their one public constructor; this one is for InFolder.
    private AzuriteFixture(string? folder)
    {
        executable = Path.Combine(TestPaths.RepositoryRoot, ".tools", "azurite", "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed at {executable}; run ./scripts/setup.sh.");
        }

        this.folder = folder;
        BlobPort = FreePort.Next();
        QueuePort = FreePort.Next();
        TablePort = FreePort.Next();
        process = Launch();
    }

    /// <summary>Keeping its data in <paramref name="folder"/>, so a <see cref="Stop"/> and <see cref="Start"/> keep it (an outage, not a wipe).</summary>
    public static AzuriteFixture InFolder(string folder) => new(folder);

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>
    /// Takes Azurite away like a storage outage: connections are refused until <see cref="Start"/>. With a folder it
    /// is asked to stop (SIGINT) so it writes its data out first; an outage loses no stored data.
    /// </summary>
    public void Stop()
    {
        try
        {
            if (!process.HasExited && folder is not null)
            {
                using var signal = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                signal.WaitForExit();
                process.WaitForExit(15_000);
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }

    /// <summary>Starts Azurite again on the same ports (and the same folder, if any).</summary>
    public void Start() => process = Launch();

    public void Dispose() => Stop();

    private Process Launch()
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] storage = folder is null ? ["--inMemoryPersistence"] : ["--location", folder];
        foreach (var arg in storage.Concat(
        [
            "--silent", "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", Port(BlobPort),
            "--queueHost", "127.0.0.1", "--queuePort", Port(QueuePort),
            "--tableHost", "127.0.0.1", "--tablePort", Port(TablePort),
        ]))
        {
            start.ArgumentList.Add(arg);
        }

        var started = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        started.OutputDataReceived += (_, _) => { };
        started.ErrorDataReceived += (_, _) => { };
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        WaitUntilListening(started);
        return started;
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void WaitUntilListening(Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} while starting.");
                }

                try
                {
                    using var client = new TcpClient();
                    client.Connect(IPAddress.Loopback, port);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(100);
                }
            }
        }
    }
}
