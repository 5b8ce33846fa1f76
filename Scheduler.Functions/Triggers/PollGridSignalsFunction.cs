using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Scheduler.Functions.Signals;

namespace Scheduler.Functions.Triggers;

/// <summary>Polls every site's OpenADR 3 VTN on the schedule in the app setting <c>PollGridSignalsSchedule</c> (UTC).</summary>
public sealed partial class PollGridSignalsFunction
{
    private readonly GridSignalPoller _poller;
    private readonly ILogger<PollGridSignalsFunction> _logger;

    /// <summary>Creates the function.</summary>
    public PollGridSignalsFunction(GridSignalPoller poller, ILogger<PollGridSignalsFunction> logger)
    {
        _poller = poller;
        _logger = logger;
    }

    /// <summary>Runs one occurrence.</summary>
    [Function("PollGridSignals")]
    public async Task Run([TimerTrigger("%PollGridSignalsSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var count = await _poller.PollAllAsync(cancellationToken).ConfigureAwait(false);
        LogPolled(_logger, count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} new or changed grid event(s) forwarded")]
    private static partial void LogPolled(ILogger logger, int count);
}
