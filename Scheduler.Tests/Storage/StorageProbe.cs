using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Scheduler.Tests.Storage;

/// <summary>
/// Sits in the storage clients' pipelines (per call, outside the SDK's own retries) and sees every request the app
/// makes: it records each call with its duration and scope, refuses what Azure would refuse (see
/// <see cref="AzureStorageLimits"/>), and injects faults on the calls a test picks: a failure with any status, an
/// exception (a crash at that point), or a pause until the test lets the call go on.
/// </summary>
internal sealed class StorageProbe
{
    private static readonly AsyncLocal<string?> CurrentScope = new();

    private readonly ConcurrentQueue<StorageCall> _calls = new();
    private readonly List<Fault> _faults = [];
    private readonly Lock _lock = new();

    /// <summary>Every finished call, in the order they finished.</summary>
    public IReadOnlyList<StorageCall> Calls => [.. _calls];

    /// <summary>Whether requests over Azure's limits are refused; true unless a test turns it off.</summary>
    public bool EnforceAzureLimits { get; set; } = true;

    /// <summary>The policy to add to the clients of one service (table, queue or blob).</summary>
    public HttpPipelinePolicy For(string service) => new Policy(this, service);

    /// <summary>Tags every call made inside the returned scope (and the async work it starts) with <paramref name="name"/>.</summary>
    public static IDisposable Scope(string name)
    {
        var previous = CurrentScope.Value;
        CurrentScope.Value = name;
        return new Restore(() => CurrentScope.Value = previous);
    }

    /// <summary>Fails the next <paramref name="count"/> calls that match with <paramref name="status"/> and <paramref name="code"/>.</summary>
    public void Fail(Func<StorageCall, bool> match, int status, string code, int count = 1) =>
        Add(new Fault(match, count, _ => throw new RequestFailedException(status, $"injected {status} {code}", code, null)));

    /// <summary>Throws <paramref name="exception"/> from the next <paramref name="count"/> calls that match, before they reach storage.</summary>
    public void Throw(Func<StorageCall, bool> match, Exception exception, int count = 1) =>
        Add(new Fault(match, count, _ => throw exception));

    /// <summary>
    /// Holds a call that matches until the returned gate is opened (or the call is cancelled): the call then goes on
    /// to storage, or, with <paramref name="afterStorage"/>, storage has already answered and the answer goes on to the
    /// app. <see cref="PausedGate.Reached"/> completes when a call is held.
    /// </summary>
    /// <param name="match">Which calls count.</param>
    /// <param name="skip">How many matching calls pass before the one that is held.</param>
    /// <param name="afterStorage">Whether to hold the call's answer rather than the call.</param>
    public PausedGate Pause(Func<StorageCall, bool> match, int skip = 0, bool afterStorage = false)
    {
        var gate = new PausedGate();
        var seen = 0;
        Add(new Fault(
            c => match(c) && Interlocked.Increment(ref seen) > skip,
            1,
            async token =>
            {
                gate.MarkReached();
                await gate.Opened.WaitAsync(token);
            })
        {
            AfterStorage = afterStorage,
        });
        return gate;
    }

    /// <summary>Drops every fault not yet used up.</summary>
    public void ClearFaults()
    {
        lock (_lock)
        {
            _faults.Clear();
        }
    }

    /// <summary>Forgets the calls seen so far.</summary>
    public void ClearCalls() => _calls.Clear();

    private void Add(Fault fault)
    {
        lock (_lock)
        {
            _faults.Add(fault);
        }
    }

    private Fault? Take(StorageCall call)
    {
        lock (_lock)
        {
            var fault = _faults.FirstOrDefault(f => f.Match(call));
            if (fault is not null && --fault.Remaining == 0)
            {
                _faults.Remove(fault);
            }

            return fault;
        }
    }

    private async ValueTask ProcessAsync(string service, HttpMessage message, Func<ValueTask> next)
    {
        var body = ReadBody(message.Request);
        var call = Describe(service, message.Request, body) with { StartedAt = Stopwatch.GetTimestamp() };
        var watch = Stopwatch.StartNew();
        try
        {
            var fault = Take(call);
            if (fault is { AfterStorage: false })
            {
                await fault.Act(message.CancellationToken);
            }

            if (EnforceAzureLimits && AzureStorageLimits.Check(call, body) is { } refusal)
            {
                throw new RequestFailedException(refusal.Status, refusal.Message, refusal.Code, null);
            }

            await next();
            if (fault is { AfterStorage: true })
            {
                await fault.Act(message.CancellationToken);
            }
        }
        finally
        {
            _calls.Enqueue(call with { Duration = watch.Elapsed });
        }
    }

    private static StorageCall Describe(string service, Request request, string body)
    {
        // Azurite's paths start with the account: /devstoreaccount1/<resource>...
        var path = Uri.UnescapeDataString(request.Uri.Path);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.Length > 1 ? segments[1] : string.Empty;
        var paren = resource.IndexOf('(', StringComparison.Ordinal);
        resource = paren >= 0 ? resource[..paren] : resource;
        var rest = segments.Length > 1 ? "/" + string.Join('/', segments.Skip(1)) : "/";
        if (service == "table" && resource == "Tables" && request.Method == RequestMethod.Post)
        {
            // A table is created by name in the body: the path names it too, so that tests can pick one table's creation.
            using var document = System.Text.Json.JsonDocument.Parse(body);
            rest += "/" + document.RootElement.GetProperty("TableName").GetString();
        }

        return new StorageCall(service, request.Method.ToString(), resource, rest, CurrentScope.Value) { Query = Uri.UnescapeDataString(request.Uri.Query) };
    }

    private static string ReadBody(Request request)
    {
        if (request.Content is null)
        {
            return string.Empty;
        }

        using var buffer = new MemoryStream();
        request.Content.WriteTo(buffer, CancellationToken.None);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A held call, and the switch that lets it go on.</summary>
    internal sealed class PausedGate
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when a matching call is being held.</summary>
        public Task Reached => _reached.Task;

        internal Task Opened => _opened.Task;

        /// <summary>Lets the held call go on.</summary>
        public void Open() => _opened.TrySetResult();

        internal void MarkReached() => _reached.TrySetResult();
    }

    private sealed class Fault(Func<StorageCall, bool> match, int count, Func<CancellationToken, Task> act)
    {
        public Func<StorageCall, bool> Match { get; } = match;

        public Func<CancellationToken, Task> Act { get; } = act;

        public int Remaining { get; set; } = count;

        public bool AfterStorage { get; init; }
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    private sealed class Policy(StorageProbe probe, string service) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            probe.ProcessAsync(service, message, () =>
            {
                ProcessNext(message, pipeline);
                return ValueTask.CompletedTask;
            }).AsTask().GetAwaiter().GetResult();

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            probe.ProcessAsync(service, message, () => ProcessNextAsync(message, pipeline));
    }
}
