using System.Globalization;
using NodaTime;
using Scheduler.Protocols.Input;

namespace Scheduler.Protocols.History;

/// <summary>
/// A charging session as it really happened: a vehicle at a charger from arrival to departure that took
/// <see cref="EnergyKwh"/>, and what its driver announced meanwhile.
/// </summary>
/// <remarks>
/// A replay must not know the future: the vehicle is unknown before <see cref="Arrival"/>, the planner then knows only
/// the <see cref="Announcements"/> made so far, and the vehicle leaves at <see cref="Departure"/> having accepted at
/// most <see cref="EnergyKwh"/>, whatever its driver asked for.
/// </remarks>
public sealed record HistoricalSession
{
    /// <summary>Creates a session.</summary>
    /// <param name="id">Unique id within the history.</param>
    /// <param name="chargerId">The charger (ACN-Data's station) it used, where known.</param>
    /// <param name="arrival">When the vehicle plugged in.</param>
    /// <param name="departure">When it unplugged; after <paramref name="arrival"/>.</param>
    /// <param name="energyKwh">The energy the vehicle really took, in kWh at the charger's meter, zero or above.</param>
    /// <param name="announcements">What the driver announced, ordered by <see cref="Announcement.At"/>; empty when they said nothing.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="id"/> is empty, <paramref name="departure"/> is not after <paramref name="arrival"/> or more than
    /// <see cref="InputLimits.MaxStay"/> after it,
    /// or <paramref name="announcements"/> is out of order.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="energyKwh"/> is negative or not finite.</exception>
    public HistoricalSession(string id, string? chargerId, Instant arrival, Instant departure, double energyKwh, IReadOnlyList<Announcement> announcements)
    {
        ArgumentNullException.ThrowIfNull(announcements);
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ArgumentException("must be a non-empty id", nameof(id));
        }

        if (StayProblem(arrival, departure, "the arrival") is { } problem)
        {
            throw new ArgumentException("is " + problem, nameof(departure));
        }

        if (!double.IsFinite(energyKwh) || energyKwh < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(energyKwh), energyKwh, "must be a finite number, zero or above");
        }

        for (var i = 1; i < announcements.Count; i++)
        {
            if (announcements[i].At < announcements[i - 1].At)
            {
                throw new ArgumentException("must be ordered by At", nameof(announcements));
            }
        }

        Id = id;
        ChargerId = chargerId;
        Arrival = arrival;
        Departure = departure;
        EnergyKwh = energyKwh;
        Announcements = announcements;
    }

    /// <summary>Unique id within the history.</summary>
    public string Id { get; }

    /// <summary>The charger it used; null where the history does not say.</summary>
    public string? ChargerId { get; }

    /// <summary>The vehicle or driver (ACN-Data's <c>userID</c>), for learning their habits; null where the history does not say.</summary>
    public string? VehicleId { get; init; }

    /// <summary>When the vehicle plugged in.</summary>
    public Instant Arrival { get; }

    /// <summary>When the vehicle unplugged: its real departure.</summary>
    public Instant Departure { get; }

    /// <summary>The energy the vehicle really took, in kWh at the charger's meter: in a replay it accepts no more.</summary>
    public double EnergyKwh { get; }

    /// <summary>What the driver announced, ordered by <see cref="Announcement.At"/>; empty when they said nothing.</summary>
    public IReadOnlyList<Announcement> Announcements { get; }

    /// <summary>The interval the vehicle was plugged in.</summary>
    public Interval Window => new(Arrival, Departure);

    /// <summary>
    /// What is wrong with a stay from <paramref name="arrival"/> to <paramref name="departure"/>, as it follows the
    /// departure in a message: <c>not after {arrivalName}: expected the vehicle to leave after it arrived</c>, or
    /// <c>40.2 days after {arrivalName}: expected a stay of at most 31 days</c>; null when the stay is fine.
    /// </summary>
    public static string? StayProblem(Instant arrival, Instant departure, string arrivalName) =>
        departure <= arrival ? $"not after {arrivalName}: expected the vehicle to leave after it arrived"
        : departure - arrival > InputLimits.MaxStay ? string.Create(CultureInfo.InvariantCulture, $"{(departure - arrival).TotalDays:0.#} days after {arrivalName}: expected a stay of at most {InputLimits.MaxStay.Days} days")
        : null;
}
