using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Scheduler.Functions.Tariffs;

namespace Scheduler.Functions.Triggers;

/// <summary>Fetches every site's price feed on the schedule in the app setting <c>PullTariffsSchedule</c> (UTC).</summary>
public sealed partial class PullTariffsFunction
{
    private readonly TariffPuller _puller;
    private readonly ILogger<PullTariffsFunction> _logger;

    /// <summary>Creates the function.</summary>
    public PullTariffsFunction(TariffPuller puller, ILogger<PullTariffsFunction> logger)
    {
        _puller = puller;
        _logger = logger;
    }

    /// <summary>Runs one occurrence.</summary>
    [Function("PullTariffs")]
    public async Task Run([TimerTrigger("%PullTariffsSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var count = await _puller.PullAllAsync(cancellationToken).ConfigureAwait(false);
        LogPulled(_logger, count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Prices pulled for {Count} site(s)")]
    private static partial void LogPulled(ILogger logger, int count);
}
