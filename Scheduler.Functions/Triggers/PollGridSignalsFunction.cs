using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NodaTime;
using Scheduler.Functions.Planning;

namespace Scheduler.Functions.Triggers;

/// <summary>
/// On the schedule in the app setting <c>PollGridSignalsSchedule</c> (UTC), sends one <c>vtn-polls</c> message per site
/// with a VTN; <c>PollSiteGridSignals</c> polls each.
/// </summary>
public sealed partial class PollGridSignalsFunction
{
    private readonly SiteFanOut _fanOut;
    private readonly IClock _clock;
    private readonly ILogger<PollGridSignalsFunction> _logger;

    /// <summary>Creates the function.</summary>
    public PollGridSignalsFunction(SiteFanOut fanOut, IClock clock, ILogger<PollGridSignalsFunction> logger)
    {
        _fanOut = fanOut;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Runs one occurrence.</summary>
    [Function("PollGridSignals")]
    public async Task Run([TimerTrigger("%PollGridSignalsSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var count = await _fanOut.PollGridSignalsAsync(_clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
        LogQueued(_logger, count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "VTN polls queued for {Count} site(s)")]
    private static partial void LogQueued(ILogger logger, int count);
}
