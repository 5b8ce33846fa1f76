using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scheduler.Functions.Sites;

/// <summary>
/// How one site is run: its tariff source, its defaults for drivers who say nothing, and where its charging
/// profiles and demand-response events come from. Stored as JSON with the site. Secrets are never stored here:
/// fields ending in <c>Setting</c> name an app setting (a Key Vault reference in Azure) that holds the secret.
/// </summary>
public sealed record SiteSettings
{
    /// <summary>The currency of every price of the site (ISO 4217). The default is EUR.</summary>
    public string Currency { get; init; } = "EUR";

    /// <summary>The demand charge per kW of the highest slot-average import, in <see cref="Currency"/>. The default is 0.</summary>
    public double DemandChargePerKw { get; init; }

    /// <summary>
    /// The day of the month the site's billing periods start on, 1 to 28: each period's demand charge is billed on its
    /// own peak, and a new period starts from zero. The default is 1 (calendar months in the site's zone).
    /// </summary>
    public int BillingCycleDay { get; init; } = 1;

    /// <summary>The plan's slot length in minutes; divides 60. The default is 15.</summary>
    public int SlotMinutes { get; init; } = 15;

    /// <summary>The longest a plan looks ahead, in hours. The default is 36.</summary>
    public int MaxHorizonHours { get; init; } = 36;

    /// <summary>The local departure time assumed when a driver sets none ("HH:mm" in the site's zone). The default is 07:30.</summary>
    public string DefaultDeparture { get; init; } = "07:30";

    /// <summary>Whether the default departure falls on working days (Monday to Friday) only. The default is true.</summary>
    public bool DefaultDepartureOnWorkingDays { get; init; } = true;

    /// <summary>The energy, in kWh, assumed when a driver asks for none. The default is 20.</summary>
    public double DefaultEnergyKwh { get; init; } = 20;

    /// <summary>
    /// The share of each announced stay the plan holds back, 0 to 0.9: drivers often leave before the time they set, and
    /// with 0.5 an announced 8-hour stay is planned to be served within 4 (at a higher price). The default is 0.
    /// </summary>
    public double DepartureMargin { get; init; }

    /// <summary>
    /// Whether plans top vehicles up beyond their drivers' requests, toward full, where that raises no billed peak and
    /// no limit; a driver's learned share of their request is then planned firmly and the rest as top-up. The default
    /// is true; false plans every request firmly and nothing beyond it.
    /// </summary>
    public bool TopUpToFull { get; init; } = true;

    /// <summary>
    /// Whose departure wins when both the driver's app and the vehicle (ISO 15118 charging needs) announced one: newest
    /// (the later announcement), driver (the app's) or vehicle (the car's). The default is newest.
    /// </summary>
    public string DepartureAuthority { get; init; } = Sessions.DepartureAuthority.Newest;

    /// <summary>A constant load of the building besides charging, in kW. The default is 0.</summary>
    public double BaseLoadKw { get; init; }

    /// <summary>The site's price feed, fetched by <c>PullTariffs</c>; null when the site runs on its TOU tariff alone.</summary>
    public TariffFeedSettings? TariffFeed { get; init; }

    /// <summary>
    /// A time-of-use tariff (the acnportal JSON that <c>scheduler tariff import --format tou</c> reads): the site's
    /// prices when it has no feed, and the fallback when the feed has been down for more than a day.
    /// </summary>
    public JsonElement? TouTariff { get; init; }

    /// <summary>Where the site's charging profiles go; null when nothing is dispatched.</summary>
    public CsmsSettings? Csms { get; init; }

    /// <summary>
    /// The site's account at a vehicle maker's API and its vehicles' dispatch paths; null when every vehicle is
    /// controlled through the CSMS.
    /// </summary>
    public Vehicles.VehicleApiSettings? VehicleApi { get; init; }

    /// <summary>The site's OpenADR 3 VTN; null when the site takes no demand-response events by polling.</summary>
    public VtnSettings? Vtn { get; init; }

    /// <summary>The JSON options the settings are stored and read with.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}

/// <summary>A price feed of one of the formats <c>scheduler tariff import</c> reads.</summary>
public sealed record TariffFeedSettings
{
    /// <summary>The feed's format: entsoe, awattar, energycharts, energyzero, nordpool, octopus.</summary>
    public required string Format { get; init; }

    /// <summary>The URL, with <c>{from}</c>/<c>{to}</c> (ISO 8601 UTC) or <c>{fromDate}</c>/<c>{toDate}</c> (yyyy-MM-dd) filled in.</summary>
    public required string Url { get; init; }

    /// <summary>The bidding zone or delivery area where the format needs one (Nord Pool).</summary>
    public string? Area { get; init; }

    /// <summary>The app setting holding extra request headers as <c>Name: value</c> lines (an API key), or null.</summary>
    public string? HeadersSetting { get; init; }
}

/// <summary>The site's charging-station management system.</summary>
public sealed record CsmsSettings
{
    /// <summary>The CSMS's base URL (https in production).</summary>
    public required string BaseUrl { get; init; }

    /// <summary>The route below <see cref="BaseUrl"/>; null for the CitrineOS-style default.</summary>
    public string? RouteTemplate { get; init; }

    /// <summary>The OCPP version of the site's chargers: "1.6" or "2.0.1". The default is 2.0.1.</summary>
    public string OcppVersion { get; init; } = "2.0.1";

    /// <summary>The app setting holding the whole Authorization header value, or null for none.</summary>
    public string? AuthorizationSetting { get; init; }

    /// <summary>The CSMS tenant, where it has tenants.</summary>
    public string? TenantId { get; init; }
}

/// <summary>The site's OpenADR 3 VTN.</summary>
public sealed record VtnSettings
{
    /// <summary>The VTN's base URL; events are read from <c>{BaseUrl}/events</c>.</summary>
    public required string BaseUrl { get; init; }

    /// <summary>Only events of this program, or null for all.</summary>
    public string? ProgramId { get; init; }

    /// <summary>The names the site answers to in an event's targets (site, VEN or resource names).</summary>
    public IReadOnlyList<string> TargetNames { get; init; } = [];

    /// <summary>The app setting holding a static bearer token, or null.</summary>
    public string? TokenSetting { get; init; }

    /// <summary>The OAuth2 token endpoint for client credentials, or null.</summary>
    public string? TokenUrl { get; init; }

    /// <summary>The app setting holding the OAuth2 client id.</summary>
    public string? ClientIdSetting { get; init; }

    /// <summary>The app setting holding the OAuth2 client secret.</summary>
    public string? ClientSecretSetting { get; init; }

    /// <summary>The OAuth2 scope, or null.</summary>
    public string? Scope { get; init; }

    /// <summary>The import limit in kW each SIMPLE level (1 to 3) stands for at this site.</summary>
    public IReadOnlyDictionary<int, double> SimpleLevelLimitsKw { get; init; } = new Dictionary<int, double>();
}
