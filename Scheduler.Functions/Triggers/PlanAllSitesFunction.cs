using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NodaTime;
using Scheduler.Functions.Planning;

namespace Scheduler.Functions.Triggers;

/// <summary>Asks for a plan of every site on the schedule in the app setting <c>PlanAllSitesSchedule</c> (UTC).</summary>
public sealed partial class PlanAllSitesFunction
{
    private readonly SiteFanOut _fanOut;
    private readonly IClock _clock;
    private readonly ILogger<PlanAllSitesFunction> _logger;

    /// <summary>Creates the function.</summary>
    public PlanAllSitesFunction(SiteFanOut fanOut, IClock clock, ILogger<PlanAllSitesFunction> logger)
    {
        _fanOut = fanOut;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Runs one occurrence; a late (past-due) occurrence runs the same way.</summary>
    [Function("PlanAllSites")]
    public async Task Run([TimerTrigger("%PlanAllSitesSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var count = await _fanOut.RequestAllAsync(_clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
        LogRequested(_logger, count, timer.IsPastDue);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Plans requested for {Count} site(s) (past due: {PastDue})")]
    private static partial void LogRequested(ILogger logger, int count, bool pastDue);
}
