namespace Scheduler.Functions.Queues;

/// <summary>The app's queues. The queue triggers name them as constants, so they are fixed.</summary>
public static class QueueNames
{
    /// <summary>Departure times from driver apps.</summary>
    public const string Departures = "departures";

    /// <summary>OpenADR 3 events, from the VTN poller or pushed by an integration.</summary>
    public const string GridSignals = "grid-signals";

    /// <summary>Session started / meter values / stopped, from the CSMS.</summary>
    public const string SessionEvents = "session-events";

    /// <summary>Readings of each site's own import meter, from the operator's meter gateway.</summary>
    public const string SiteMeter = "site-meter";

    /// <summary>One message per site to plan.</summary>
    public const string PlanRequests = "plan-requests";

    /// <summary>One message per charger profile to send to the CSMS.</summary>
    public const string Dispatch = "dispatch";

    /// <summary>Sites added or changed by the operator.</summary>
    public const string Sites = "sites";

    /// <summary>One message per site with a price feed, from the <c>PullTariffs</c> timer.</summary>
    public const string TariffPulls = "tariff-pulls";

    /// <summary>One message per site with a VTN, from the <c>PollGridSignals</c> timer.</summary>
    public const string VtnPolls = "vtn-polls";

    /// <summary>Operators' requests to send poisoned messages back to their queue.</summary>
    public const string PoisonReplays = "poison-replays";

    /// <summary>The steps of plans for vehicles commanded through their makers' APIs.</summary>
    public const string VehicleCommands = "vehicle-commands";

    /// <summary>Every input queue, for creating them (and their poison queues) at start-up.</summary>
    public static IReadOnlyList<string> All { get; } = [Sites, Departures, GridSignals, SessionEvents, SiteMeter, PlanRequests, Dispatch, TariffPulls, VtnPolls, PoisonReplays, VehicleCommands];

    /// <summary>The poison queue of <paramref name="queue"/>, as the Functions host names it.</summary>
    public static string PoisonOf(string queue) => queue + "-poison";
}
