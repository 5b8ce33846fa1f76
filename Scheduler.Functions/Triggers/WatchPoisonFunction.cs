using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Scheduler.Functions.Queues;

namespace Scheduler.Functions.Triggers;

/// <summary>Every minute, records what the Functions host moved to the poison queues in the Poison table.</summary>
public sealed partial class WatchPoisonFunction
{
    /// <summary>The schedule: at the start of every minute (UTC). Not a setting: it only keeps the Poison table current.</summary>
    public const string Schedule = "0 * * * * *";

    private readonly PoisonWatcher _watcher;
    private readonly ILogger<WatchPoisonFunction> _logger;

    /// <summary>Creates the function.</summary>
    public WatchPoisonFunction(PoisonWatcher watcher, ILogger<WatchPoisonFunction> logger)
    {
        _watcher = watcher;
        _logger = logger;
    }

    /// <summary>Runs one occurrence.</summary>
    [Function("WatchPoison")]
    public async Task Run([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var count = await _watcher.DrainAsync(cancellationToken).ConfigureAwait(false);
        if (count > 0)
        {
            LogMoved(_logger, count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} message(s) the host gave up on recorded in the Poison table")]
    private static partial void LogMoved(ILogger logger, int count);
}
