using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NodaTime;
using Scheduler.Functions.Planning;

namespace Scheduler.Functions.Triggers;

/// <summary>
/// On the schedule in the app setting <c>PullTariffsSchedule</c> (UTC), sends one <c>tariff-pulls</c> message per site
/// with a price feed; <c>PullSiteTariff</c> fetches each.
/// </summary>
public sealed partial class PullTariffsFunction
{
    private readonly SiteFanOut _fanOut;
    private readonly IClock _clock;
    private readonly ILogger<PullTariffsFunction> _logger;

    /// <summary>Creates the function.</summary>
    public PullTariffsFunction(SiteFanOut fanOut, IClock clock, ILogger<PullTariffsFunction> logger)
    {
        _fanOut = fanOut;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Runs one occurrence.</summary>
    [Function("PullTariffs")]
    public async Task Run([TimerTrigger("%PullTariffsSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var count = await _fanOut.PullTariffsAsync(_clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
        LogQueued(_logger, count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Price pulls queued for {Count} site(s)")]
    private static partial void LogQueued(ILogger logger, int count);
}
