using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Functions.Dispatch;
using Scheduler.Protocols.Messages;
using Scheduler.Protocols.Ocpp;

namespace Scheduler.Functions.Sessions;

/// <summary>
/// Answers a vehicle's proposed schedule (OCPP 2.0.1 K17, ISO 15118 renegotiation): where the vehicle plans to draw
/// more than the TxProfile its charger accepted from us, at any time from its proposal on, that profile is sent again,
/// so the charger renegotiates with the vehicle within our plan. A proposal within the profile needs no answer.
/// </summary>
public sealed class ProfileRenegotiation
{
    // A proposal this much above our limit, in A, is rounding (W schedules, 0.1 A limits), not an excess.
    private const double ToleranceA = 0.1;

    private readonly DispatchStore _dispatches;
    private readonly DispatchQueue _queue;

    /// <summary>Creates the service.</summary>
    public ProfileRenegotiation(DispatchStore dispatches, DispatchQueue queue)
    {
        _dispatches = dispatches;
        _queue = queue;
    }

    /// <summary>Sends the session's profile again where <paramref name="schedule"/> exceeds it.</summary>
    /// <param name="siteId">The site.</param>
    /// <param name="voltageV">The site's voltage, to read W schedules as amps.</param>
    /// <param name="session">The session the vehicle charges in.</param>
    /// <param name="schedule">The vehicle's proposal.</param>
    /// <param name="at">When the vehicle proposed it.</param>
    /// <param name="cancellationToken">Cancels the reads and writes.</param>
    /// <returns>Why the profile was sent again, or null where it was not.</returns>
    public async Task<string?> AnswerAsync(string siteId, double voltageV, SessionRecord session, EvChargingSchedule schedule, Instant at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(schedule);
        var record = await _dispatches.GetAsync(siteId, session.ChargerId, nameof(ChargingProfilePurpose.TxProfile), cancellationToken).ConfigureAwait(false);

        // Only a profile the charger holds for this session can be exceeded; a pending one is on its way anyway.
        if (record is not { State: DispatchState.Accepted } || record.SessionId != session.Id)
        {
            return null;
        }

        var ours = ChargingProfileReader.Read(JsonNode.Parse(record.PayloadJson)!.AsObject(), voltageV);
        if (FirstExcess(ours, schedule.Intervals(voltageV), at) is not { } excess)
        {
            return null;
        }

        var reason = string.Create(CultureInfo.InvariantCulture, $"sent again: the vehicle proposed {excess.VehicleA:0.#} A at {excess.At}, above the profile's {excess.ProfileA:0.#} A");
        var pending = await _dispatches.UpdateAsync(
            siteId,
            record.ChargerId,
            record.Purpose,
            current => current is { State: DispatchState.Accepted } && current.PlanId == record.PlanId ? current with { State = DispatchState.Pending, Reason = reason } : null,
            record,
            cancellationToken).ConfigureAwait(false);
        if (pending is null)
        {
            // A newer plan or answer came first: whatever it sends replaces the profile the vehicle exceeded.
            return null;
        }

        // One message per proposal: the proposal's instant keeps a repeat of the same event from queueing another.
        await _queue.SendAsync(siteId, pending, at.ToUnixTimeMilliseconds(), null, cancellationToken).ConfigureAwait(false);
        return reason;
    }

    /// <summary>The first instant from <paramref name="from"/> on where the vehicle's limit is above ours, or null.</summary>
    internal static Excess? FirstExcess(IReadOnlyList<ProfileInterval> ours, IReadOnlyList<ProfileInterval> vehicle, Instant from)
    {
        // Both limits are steps, so the highest excess of a stretch shows at one of the two schedules' period starts.
        var instants = ours.Select(i => i.Start).Concat(vehicle.Select(i => i.Start)).Append(from)
            .Where(t => t >= from).Distinct().Order();
        foreach (var at in instants)
        {
            if (ChargingProfileReader.LimitAt(vehicle, at) is { } vehicleA && ChargingProfileReader.LimitAt(ours, at) is { } profileA && vehicleA > profileA + ToleranceA)
            {
                return new Excess(at, vehicleA, profileA);
            }
        }

        return null;
    }

    /// <summary>Where a vehicle's proposal exceeds the profile.</summary>
    internal sealed record Excess(Instant At, double VehicleA, double ProfileA);
}
