namespace Scheduler.Protocols.Input;

/// <summary>
/// The most any input may hold, each named once. Every reader checks its limits before it allocates for the
/// content (a file's size before it is read, an array's length before its items are), so that no input makes a
/// reader, a plan or a replay grow without bound; a limit that is reached is an error at its place, never a
/// truncation. The numbers come from what real sites need, with room to spare: days for a plan, a year for a replay.
/// </summary>
public static class InputLimits
{
    /// <summary>The largest input file or document: 64 MiB (the Caltech ACN history of nine months is 2.7 MB).</summary>
    public const int MaxInputBytes = 64 * 1024 * 1024;

    /// <summary>The deepest nesting of a JSON document: 64, System.Text.Json's default (our files nest 5 deep).</summary>
    public const int MaxJsonDepth = 64;

    /// <summary>
    /// The most tokens (values and property names) in one JSON document: 8 million, twice what a 64 MiB ACN
    /// history holds. It bounds what a parsed document costs (12 bytes a token) whatever its shape.
    /// </summary>
    public const int MaxJsonTokens = 8_000_000;

    /// <summary>The deepest nesting of an XML document: 32 (an ENTSO-E price document nests 5 deep).</summary>
    public const int MaxXmlDepth = 32;

    /// <summary>The most elements of an XML document: 500,000, about four per point of <see cref="MaxIntervals"/> points.</summary>
    public const int MaxXmlElements = 500_000;

    /// <summary>The most chargers on one site: 5,000, the benchmark's largest depot (real depots and garages have a few hundred).</summary>
    public const int MaxChargers = 5_000;

    /// <summary>The most circuits on one site: 5,000, one per charger.</summary>
    public const int MaxCircuits = 5_000;

    /// <summary>The most sessions in one scenario: 10,000 (five per charger of the largest site over a plan's days).</summary>
    public const int MaxSessions = 10_000;

    /// <summary>
    /// The most session-slots in one plan: 300,000, each session counted for the slots of its stay inside the window.
    /// The planning model holds variables per session-slot: 5,000 vehicles staying 14 hours of a 96-slot day are
    /// 280,000 and plan in about 420 MiB; 400,000 took 860 MiB, too near the 1 GiB a command may use.
    /// </summary>
    public const int MaxSessionSlots = 300_000;

    /// <summary>
    /// The most circuit-slots in one plan, every circuit counted for every slot of the window: 5,000,000, e.g.
    /// 2,000 circuits over a week of quarter-hours or 500 over a week of minutes. The model keeps each circuit's
    /// load per slot and phase: 5,000 circuits over 10,080 slots took 2 GiB.
    /// </summary>
    public const int MaxCircuitSlots = 5_000_000;

    /// <summary>The most intervals in one series (prices, base load, grid signals, a feed's points, an OpenADR document's intervals): a year of five-minute intervals.</summary>
    public const int MaxIntervals = 366 * 24 * 12;

    /// <summary>
    /// The most intervals in one document of OpenADR 3 events, a multi-valued price counting one per value: 10,000,
    /// a hundred days of quarter-hours (a VTN's price event covers a day or two).
    /// </summary>
    public const int MaxSignalIntervals = 10_000;

    /// <summary>The longest planning window: 7 days, as far ahead as a driver may announce a departure.</summary>
    public static readonly NodaTime.Duration MaxPlanningWindow = NodaTime.Duration.FromDays(7);

    /// <summary>The most slots in one planning window: 7 days of one-minute slots.</summary>
    public const int MaxSlots = 7 * 24 * 60;

    /// <summary>The most sessions in one session history: 100,000 (the Caltech garage has about 4,000 a year).</summary>
    public const int MaxHistorySessions = 100_000;

    /// <summary>The most announcements of one session in a history: 100 (Caltech drivers edit a request five times at most).</summary>
    public const int MaxAnnouncements = 100;

    /// <summary>The longest stay of one session in a history: 31 days; a longer one is a mistake in the data, not a stay.</summary>
    public static readonly NodaTime.Duration MaxStay = NodaTime.Duration.FromDays(31);

    /// <summary>The longest replay of <c>scheduler simulate</c>: 366 days, a year of quarter-hours.</summary>
    public const int MaxReplayDays = 366;

    /// <summary>
    /// The most sessions in one replay: 20,000, five years of the Caltech garage's sessions in one (its offline
    /// plan holds them all at once).
    /// </summary>
    public const int MaxReplaySessions = 20_000;

    /// <summary>The most local dates a time-of-use tariff is laid out over: a year, and the days a replay's last plans look beyond it.</summary>
    public const int MaxTariffDays = MaxReplayDays + 4;

    /// <summary>
    /// The earliest year of any instant or date read: 1900. Between it and <see cref="MaxYear"/>, every local time
    /// with any offset, a year added or not, is an instant NodaTime can hold.
    /// </summary>
    public const int MinYear = 1900;

    /// <summary>The latest year of any instant or date read: 9000.</summary>
    public const int MaxYear = 9000;

    /// <summary>The shortest price interval of a feed: one minute (real-time markets settle in five).</summary>
    public static readonly NodaTime.Duration MinFeedInterval = NodaTime.Duration.FromMinutes(1);

    /// <summary>The longest price interval of a feed: 25 hours, a local day on the autumn clock change.</summary>
    public static readonly NodaTime.Duration MaxFeedInterval = NodaTime.Duration.FromHours(25);

    /// <summary>
    /// How far a feed's interval may lie outside the period the document itself declares (ENTSO-E's
    /// <c>period.timeInterval</c>, EnergyZero's <c>range</c>, Nord Pool's <c>deliveryDateCET</c>): 7 days, since
    /// ENTSO-E documents carry the next days' periods too.
    /// </summary>
    public static readonly NodaTime.Duration MaxFeedDrift = NodaTime.Duration.FromDays(7);

    /// <summary>The largest queue message: 64 KiB, what Azure Queue storage holds.</summary>
    public const int MaxMessageBytes = 64 * 1024;
}
