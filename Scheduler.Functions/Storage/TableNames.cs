namespace Scheduler.Functions.Storage;

/// <summary>The app's tables. Names are fixed: every instance of the app must agree on them.</summary>
public static class TableNames
{
    /// <summary>Sites with their circuits and chargers (partition: site).</summary>
    public const string Sites = "Sites";

    /// <summary>Charging sessions as the CSMS reports them (partition: site).</summary>
    public const string Sessions = "Sessions";

    /// <summary>Departure times and energy that drivers set (partition: site).</summary>
    public const string Departures = "Departures";

    /// <summary>Vehicles' recurring departures, one week per vehicle (partition: site).</summary>
    public const string RecurringDepartures = "RecurringDepartures";

    /// <summary>Drivers' boosts, the latest per vehicle (partition: site).</summary>
    public const string Boosts = "Boosts";

    /// <summary>Which signed-in driver (by Entra object id) may reach which vehicle (partition: site).</summary>
    public const string VehicleAccess = "VehicleAccess";

    /// <summary>Price slots fetched from tariff feeds, and each feed's status (partition: site).</summary>
    public const string Tariffs = "Tariffs";

    /// <summary>OpenADR 3 events received for a site (partition: site).</summary>
    public const string GridSignals = "GridSignals";

    /// <summary>Plans, newest first, with their inputs (partition: site).</summary>
    public const string Plans = "Plans";

    /// <summary>Per charger and purpose: the profile that should be on it and what the CSMS answered (partition: site).</summary>
    public const string Dispatches = "Dispatches";

    /// <summary>The site's charging energy per metered slot.</summary>
    public const string SiteImport = "SiteImport";

    /// <summary>The readings of the site's own import meter, where the operator sends them (partition: site).</summary>
    public const string SiteMeter = "SiteMeter";

    /// <summary>Each demand charge's peak recorded in its billing period.</summary>
    public const string BillingPeaks = "BillingPeaks";

    /// <summary>The sessions that have ended, per site, to learn each driver's habits from.</summary>
    public const string VehicleHistory = "VehicleHistory";

    /// <summary>
    /// The start of the inbox tables' names, one per UTC day (<c>Inbox20260310</c>): the message ids already processed,
    /// the idempotency record (partitions: queue and a hash bucket). The app creates and deletes them itself.
    /// </summary>
    public const string InboxPrefix = "Inbox";

    /// <summary>Why each poisoned message was refused (partition: queue).</summary>
    public const string Poison = "Poison";

    /// <summary>The newest OAuth2 tokens of each site's vehicle account.</summary>
    public const string VehicleTokens = "VehicleTokens";

    /// <summary>Every table of fixed name, for creating them at deployment (the inbox's daily tables are the app's own).</summary>
    public static IReadOnlyList<string> All { get; } = [Sites, Sessions, Departures, RecurringDepartures, Boosts, VehicleAccess, Tariffs, GridSignals, Plans, Dispatches, SiteImport, SiteMeter, BillingPeaks, VehicleHistory, Poison, VehicleTokens];
}
