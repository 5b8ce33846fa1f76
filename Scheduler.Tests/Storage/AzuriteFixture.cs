using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Scheduler.Tests.Storage;

/// <summary>
/// One Azurite (blob, queue and table on loopback, in memory) for the tests of the <c>"Azurite"</c> collection,
/// installed with npm and started on first use, and stopped with its process tree on dispose.
/// </summary>
/// <remarks>
/// Nothing starts until a test asks for <see cref="ConnectionString"/> or a client, so tests in the collection that
/// need no storage do not pay for it. A failed install or start is remembered and reported to every test that asks;
/// no test is skipped. Tests share the emulator, not state: each uses its own <see cref="UniqueName"/>.
/// </remarks>
public sealed class AzuriteFixture : IDisposable
{
    /// <summary>The emulator's well-known development account (public, documented by Microsoft; not a secret).</summary>
    private const string AccountName = "devstoreaccount1";

    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const int StartAttempts = 5;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Lazy<Running> _running = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private long _nameCount;

    /// <summary>
    /// The connection string for the emulator: the devstoreaccount1 account with explicit blob, queue and table
    /// endpoints on the ports chosen at start. Reading it starts the emulator if needed.
    /// </summary>
    /// <exception cref="InvalidOperationException">Azurite could not be installed or started; the message says why.</exception>
    public string ConnectionString => _running.Value.ConnectionString;

    /// <summary>A table service client for the emulator.</summary>
    public TableServiceClient CreateTableService() => new(ConnectionString);

    /// <summary>
    /// A queue service client for the emulator that base64-encodes messages, as the Functions queue trigger
    /// expects (RELIABILITY 67).
    /// </summary>
    public QueueServiceClient CreateQueueService() =>
        new(ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>
    /// A name no other test uses, valid both as a table name (<c>^[A-Za-z][A-Za-z0-9]{2,62}$</c>) and as a queue
    /// name (lowercase, 3–63 characters): the lowercased prefix, a counter and a random suffix.
    /// </summary>
    /// <param name="prefix">1–20 ASCII letters and digits, starting with a letter.</param>
    public string UniqueName(string prefix)
    {
        if (prefix.Length is 0 or > 20 || !char.IsAsciiLetter(prefix[0]) || !prefix.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"'{prefix}' must be 1–20 ASCII letters and digits, starting with a letter.", nameof(prefix));
        }

        var count = Interlocked.Increment(ref _nameCount);
        return $"{prefix.ToLowerInvariant()}{count}x{Guid.NewGuid():N}";
    }

    /// <summary>Stops Azurite and everything it started, if it was started.</summary>
    public void Dispose()
    {
        if (_running.IsValueCreated)
        {
            _running.Value.Dispose();
        }
    }

    private static Running Start()
    {
        var script = AzuriteInstall.EnsureInstalled();
        var failures = new StringBuilder();
        for (var attempt = 1; attempt <= StartAttempts; attempt++)
        {
            // The ports are free when asked for but may be taken before Azurite binds them; then it exits and we retry.
            var ports = FreeLoopbackPorts(3);
            var process = StartProcess(script, ports);
            var outcome = WaitUntilListening(process, ports);
            if (outcome is null)
            {
                return new Running(process, ConnectionStringFor(ports));
            }

            Stop(process);
            process.Dispose();
            failures.AppendLine($"Attempt {attempt} on ports {string.Join(", ", ports)}: {outcome}");
            if (!outcome.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                break;
            }
        }

        throw new InvalidOperationException($"Azurite {AzuriteInstall.Version} ({script}) did not start.{Environment.NewLine}{failures}");
    }

    private static Process StartProcess(string script, int[] ports)
    {
        var start = new ProcessStartInfo("node")
        {
            // With --inMemoryPersistence Azurite writes nothing, but its workspace defaults to the current folder.
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var args = new[]
        {
            // Azurite must not outlive a test process that dies without disposing: exit when our end of stdin closes.
            "--require", ExitWithParentScript(),
            script,
            "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", ports[0].ToString(),
            "--queueHost", "127.0.0.1", "--queuePort", ports[1].ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", ports[2].ToString(),
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("'node' did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'node' could not be started ({e.Message}); install Node.js 20 or later and put it on PATH.", e);
        }
    }

    /// <summary>Null once all ports accept connections; otherwise why not, with Azurite's output.</summary>
    private static string? WaitUntilListening(Process process, int[] ports)
    {
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                process.WaitForExit();
                return $"Azurite exited with code {process.ExitCode}.{Environment.NewLine}{stderr.Result}{stdout.Result}";
            }

            if (ports.All(Accepts))
            {
                return null;
            }

            Thread.Sleep(TimeSpan.FromMilliseconds(50));
        }

        Stop(process);
        return $"Azurite did not listen within {StartTimeout.TotalSeconds} s.{Environment.NewLine}{stderr.Result}{stdout.Result}";
    }

    private static bool Accepts(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Distinct ports the OS reports free: all listeners are held open together, then released.</summary>
    private static int[] FreeLoopbackPorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    /// <summary>A node preload script, written next to Azurite, that ends the process when stdin reaches its end.</summary>
    private static string ExitWithParentScript()
    {
        var path = Path.Combine(AzuriteInstall.Folder, "exit-with-parent.js");
        const string Source = "process.stdin.on('end', () => process.exit(0));\nprocess.stdin.resume();\n";
        if (!File.Exists(path) || File.ReadAllText(path) != Source)
        {
            // Written to a unique name and moved, so a concurrent test process never sees half a file.
            var temporary = path + "." + Guid.NewGuid().ToString("N");
            File.WriteAllText(temporary, Source);
            File.Move(temporary, path, overwrite: true);
        }

        return path;
    }

    private static string ConnectionStringFor(int[] ports) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};"
        + $"BlobEndpoint=http://127.0.0.1:{ports[0]}/{AccountName};"
        + $"QueueEndpoint=http://127.0.0.1:{ports[1]}/{AccountName};"
        + $"TableEndpoint=http://127.0.0.1:{ports[2]}/{AccountName};";

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    private sealed record Running(Process Process, string ConnectionString) : IDisposable
    {
        public void Dispose()
        {
            Stop(Process);
            Process.Dispose();
        }
    }
}
