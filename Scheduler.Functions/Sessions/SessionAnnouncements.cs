using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Scheduler.Functions.Departures;
using Scheduler.Functions.Sites;
using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Sessions;

/// <summary>
/// The rule that joins what a session's driver set in the app with what its vehicle said over ISO 15118
/// (<c>NotifyEVChargingNeeds</c>). The vehicle's energy and current limits are facts: it takes no more energy than it
/// needs and no more current than it can, so they bound the driver's wish and the charger's limits. Its departure is an
/// announcement like the app's: where both announced one, the site's <see cref="DepartureAuthority"/> decides (the newer
/// one by default).
/// </summary>
public static class SessionAnnouncements
{
    private static readonly InstantPattern TimePattern = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm'Z'");

    /// <summary>Resolves the announcements of <paramref name="session"/> on <paramref name="charger"/> at <paramref name="site"/>.</summary>
    /// <param name="session">The session, with the vehicle's needs where it sent any.</param>
    /// <param name="driver">The driver's setting for it, or null.</param>
    /// <param name="charger">Its charger.</param>
    /// <param name="site">Its site (the rule and the voltage).</param>
    public static SessionAnnouncement Resolve(SessionRecord session, DepartureRecord? driver, ChargerRecord charger, SiteRecord site)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(charger);
        ArgumentNullException.ThrowIfNull(site);
        var needs = session.EvNeeds;
        var notes = new List<string>();
        var (departure, departureSource) = ChooseDeparture(session, needs, driver, site.Settings.DepartureAuthority, notes);
        var (energyKwh, energySource) = ChooseEnergy(session, needs, driver, notes);
        var limits = LimitsOf(needs, charger, site.VoltageV, notes);
        if (!limits.CanCharge)
        {
            (energyKwh, energySource) = (0, "vehicle");
        }

        return new SessionAnnouncement(departure, departureSource, energyKwh, energySource, limits, string.Join("; ", notes));
    }

    /// <summary>
    /// <paramref name="site"/> with each charger's <c>maxSchedulePeriods</c> lowered to what the vehicle on it follows
    /// (<c>maxScheduleTuples</c>), so its profile holds no more periods than the vehicle takes.
    /// </summary>
    public static SiteRecord WithScheduleBudgets(SiteRecord site, IEnumerable<(SessionRecord Session, SessionAnnouncement Announced)> sessions)
    {
        ArgumentNullException.ThrowIfNull(site);
        var budgets = sessions
            .GroupBy(s => s.Session.ChargerId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(s => s.Announced.Limits.MaxSchedulePeriods), StringComparer.Ordinal);
        return budgets.Count == 0
            ? site
            : site with { Chargers = [.. site.Chargers.Select(c => budgets.TryGetValue(c.Id, out var budget) && budget < c.MaxSchedulePeriods ? c with { MaxSchedulePeriods = budget } : c)] };
    }

    // Both announced a departure: the site's rule picks one; ties under "newest" go to the driver, who set it by hand.
    private static (Instant? Departure, string? Source) ChooseDeparture(
        SessionRecord session, EvChargingNeeds? needs, DepartureRecord? driver, string authority, List<string> notes)
    {
        var vehicle = needs?.Departure;
        if (vehicle is not { } fromVehicle)
        {
            return driver is null ? (null, null) : (driver.Departure, driver.Source);
        }

        if (driver is null)
        {
            notes.Add($"departure {Format(fromVehicle)} from the vehicle");
            return (fromVehicle, "vehicle");
        }

        var vehicleAt = session.EvNeedsAt ?? session.Arrival;
        var useVehicle = authority switch
        {
            DepartureAuthority.Driver => false,
            DepartureAuthority.Vehicle => true,
            _ => vehicleAt > driver.SentAt,
        };
        var why = authority is DepartureAuthority.Driver or DepartureAuthority.Vehicle
            ? $"site rule '{authority}'"
            : $"rule 'newest': the vehicle's of {Format(vehicleAt)}, the app's of {Format(driver.SentAt)}";
        notes.Add(useVehicle
            ? $"departure {Format(fromVehicle)} from the vehicle, not the app's {Format(driver.Departure)} ({why})"
            : $"departure {Format(driver.Departure)} from the app, not the vehicle's {Format(fromVehicle)} ({why})");
        return useVehicle ? (fromVehicle, "vehicle") : (driver.Departure, driver.Source);
    }

    // The vehicle's energy counts from when it said it: what was drawn by then, plus what it still needed.
    private static (double? EnergyKwh, string? Source) ChooseEnergy(SessionRecord session, EvChargingNeeds? needs, DepartureRecord? driver, List<string> notes)
    {
        if (needs?.NeededWh is not { } neededWh)
        {
            return driver is null ? (null, null) : (driver.EnergyKwh, driver.Source);
        }

        var vehicleKwh = (session.EvNeedsDeliveredKwh ?? 0) + (neededWh / 1000.0);
        if (driver is not null && driver.EnergyKwh <= vehicleKwh)
        {
            return (driver.EnergyKwh, driver.Source);
        }

        notes.Add(driver is null
            ? Invariant($"energy {vehicleKwh:0.###} kWh from the vehicle")
            : Invariant($"energy {vehicleKwh:0.###} kWh from the vehicle, below the {driver.EnergyKwh:0.###} kWh asked in the app"));
        return (vehicleKwh, "vehicle");
    }

    // The charger's limits, tightened by the vehicle's: its most current (AC per phase, or DC power as AC amps), its phases,
    // its least current where above the charger's, and the schedule periods it follows.
    private static SessionLimits LimitsOf(EvChargingNeeds? needs, ChargerRecord charger, double voltageV, List<string> notes)
    {
        var limits = new SessionLimits(charger.MaxCurrentA, null, charger.Phases, charger.MaxSchedulePeriods, "charger");
        if (needs is null)
        {
            return limits;
        }

        var changes = new List<string>();
        if (needs.Phases == 1 && limits.Phases == 3)
        {
            limits = limits with { Phases = 1 };
            changes.Add("1 phase");
        }
        else if (needs.Phases == 2 && limits.Phases == 3)
        {
            notes.Add("the vehicle charges on two phases: planned as three, so every limit holds, though its energy may take longer");
        }

        var vehicleMaxA = needs.Transfer != EvEnergyTransfer.Dc && needs.Ac is { } ac
            ? ac.EvMaxCurrentA
            : needs.Dc?.EvMaxPowerW is { } maxPowerW ? Math.Floor(maxPowerW / (voltageV * limits.Phases)) : (double?)null;
        if (vehicleMaxA is { } maxA && maxA < limits.MaxCurrentA)
        {
            limits = limits with { MaxCurrentA = maxA };
            changes.Add(Invariant($"at most {maxA:0.#} A"));
        }

        if (needs.Transfer != EvEnergyTransfer.Dc && needs.Ac is { } acMin && acMin.EvMinCurrentA > charger.MinCurrentA)
        {
            limits = limits with { MinCurrentA = acMin.EvMinCurrentA };
            changes.Add(Invariant($"at least {acMin.EvMinCurrentA} A"));
        }

        if (needs.MaxScheduleTuples is { } tuples && tuples < limits.MaxSchedulePeriods)
        {
            limits = limits with { MaxSchedulePeriods = tuples };
            changes.Add(Invariant($"{tuples} schedule periods"));
        }

        if (limits.MinCurrentA is { } minA && minA > limits.MaxCurrentA)
        {
            // The vehicle accepts no current this charger can give: planning it would only hold capacity others need.
            notes.Add(Invariant($"the vehicle needs at least {minA:0.#} A, more than the {limits.MaxCurrentA:0.#} A it can have here: nothing planned"));
            return limits with { MinCurrentA = null, Source = "vehicle", CanCharge = false };
        }

        if (changes.Count > 0)
        {
            notes.Add("limits from the vehicle: " + string.Join(", ", changes));
            limits = limits with { Source = "vehicle" };
        }

        return limits;
    }

    private static string Format(Instant instant) => TimePattern.Format(instant);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
