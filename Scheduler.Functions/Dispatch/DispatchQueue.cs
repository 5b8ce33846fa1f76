using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Functions.Planning;
using Scheduler.Functions.Queues;
using Scheduler.Protocols.Messages;
using Scheduler.Protocols.Ocpp;
using Scheduler.Functions.Vehicles;

namespace Scheduler.Functions.Dispatch;

/// <summary>
/// Queues a plan's profiles for dispatch: records, per charger, the profile it should have (in the site partition's
/// transactions), then sends one <c>dispatch</c> message per charger whose profile changed. Running it again for the
/// same plan (after a crash) sends again what is still pending and changes nothing else: message ids derive from the
/// plan, charger and purpose, so a repeat is recognised. A session whose vehicle is commanded through its own API
/// (<see cref="VehicleRouting"/>) gets its plan's first step on <c>vehicle-commands</c> instead of a TxProfile.
/// </summary>
public sealed class DispatchQueue
{
    // Sends to one queue in parallel, within what one instance should open at once.
    private const int ParallelSends = 8;

    private readonly DispatchStore _dispatches;
    private readonly QueueSender _sender;
    private readonly VehicleRouting _vehicleRouting;
    private readonly VehicleCommandQueue _vehicleCommands;

    /// <summary>Creates the queue.</summary>
    public DispatchQueue(DispatchStore dispatches, QueueSender sender, VehicleRouting vehicleRouting, VehicleCommandQueue vehicleCommands)
    {
        _dispatches = dispatches;
        _sender = sender;
        _vehicleRouting = vehicleRouting;
        _vehicleCommands = vehicleCommands;
    }

    /// <summary>Queues the changed profiles of plan <paramref name="planId"/> of a site.</summary>
    /// <param name="siteId">The site.</param>
    /// <param name="planId">The plan.</param>
    /// <param name="order">Its place among the site's plans: a record of a newer plan is left alone; profiles are compared from its instant on.</param>
    /// <param name="profiles">Its charging profiles.</param>
    /// <param name="cancellationToken">Cancels the writes and sends.</param>
    /// <returns>How many messages were sent.</returns>
    public async Task<int> QueueAsync(string siteId, string planId, PlanOrder order, IReadOnlyList<ChargingProfile> profiles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var viaVehicle = await QueueVehicleStepsAsync(siteId, planId, order, profiles, cancellationToken).ConfigureAwait(false);
        var stepsQueued = profiles.Count(p => p.SessionId is { } id && viaVehicle.Contains(id));
        profiles = [.. profiles.Where(p => p.SessionId is null || !viaVehicle.Contains(p.SessionId))];
        var records = (await _dispatches.ListAsync(siteId, cancellationToken).ConfigureAwait(false)).ToDictionary(r => (r.ChargerId, r.Purpose));
        var pending = new List<DispatchRecord>();
        var desired = new List<DispatchRecord>();
        foreach (var profile in profiles.Where(p => p.IsDispatchable))
        {
            var record = records.GetValueOrDefault((profile.ChargerId, profile.Purpose.ToString()));
            if (record is not null && record.Order > order)
            {
                continue;
            }

            if (record?.PlanId == planId)
            {
                // This plan was stored before: its message may never have been sent.
                if (record.State == DispatchState.Pending)
                {
                    pending.Add(record);
                }

                continue;
            }

            if (record is not null && IsOnTheCharger(record, profile, order.PlannedAt))
            {
                continue;
            }

            desired.Add(new DispatchRecord
            {
                ChargerId = profile.ChargerId,
                Purpose = profile.Purpose.ToString(),
                PlanId = planId,
                PlannedAt = order.PlannedAt,
                InputVersion = order.InputVersion,
                SessionId = profile.SessionId,
                OcppVersion = profile.OcppVersion == OcppVersion.V16 ? "1.6" : "2.0.1",
                PayloadJson = profile.Payload.ToJsonString(),
            });
        }

        pending.AddRange(await _dispatches.SetDesiredAsync(siteId, desired, records, cancellationToken).ConfigureAwait(false));
        await Parallel.ForEachAsync(
            pending,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelSends, CancellationToken = cancellationToken },
            (record, token) => new ValueTask(SendAsync(siteId, record, 0, null, token))).ConfigureAwait(false);
        return pending.Count + stepsQueued;
    }

    // A session whose vehicle is commanded through its own API gets no TxProfile: its plan's first step is queued at once,
    // and each step queues the next. The step's id is the plan's, so queueing a plan twice runs its steps once.
    private async Task<IReadOnlySet<string>> QueueVehicleStepsAsync(string siteId, string planId, PlanOrder order, IReadOnlyList<ChargingProfile> profiles, CancellationToken cancellationToken)
    {
        var viaVehicle = await _vehicleRouting.SessionsOnVehiclePathAsync(siteId, cancellationToken).ConfigureAwait(false);
        foreach (var sessionId in profiles.Select(p => p.SessionId).OfType<string>().Where(viaVehicle.Contains))
        {
            await _vehicleCommands.QueueAsync(siteId, planId, sessionId, order.PlannedAt, 0, cancellationToken).ConfigureAwait(false);
        }

        return viaVehicle;
    }

    /// <summary>Sends the message for a record's profile.</summary>
    /// <param name="siteId">The site.</param>
    /// <param name="record">The record.</param>
    /// <param name="retry">0 for the plan's own message; from 1, a resend (after no answer, or a lease), whose id differs so that the inbox lets it through.</param>
    /// <param name="delay">How long the message stays invisible; null to deliver at once.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    public Task SendAsync(string siteId, DispatchRecord record, long retry = 0, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var id = $"{record.PlanId}:{record.ChargerId}:{record.Purpose}" + (retry == 0 ? string.Empty : $"~{retry}");
        var message = new DispatchMessage(MessageIds.Bounded(id), siteId, record.PlanId, record.ChargerId, Enum.Parse<ChargingProfilePurpose>(record.Purpose), record.SessionId);
        return _sender.SendAsync(QueueNames.Dispatch, QueueMessageWriter.Write(message), delay, cancellationToken);
    }

    // What the charger answered for the same session and the same limits from now on needs no resend: it has it, or
    // (refused) it would refuse it again. A profile still pending may never have been sent, so it is sent again.
    private static bool IsOnTheCharger(DispatchRecord record, ChargingProfile profile, Instant now) =>
        record.State is DispatchState.Accepted or DispatchState.Rejected or DispatchState.NotSupported
        && record.SessionId == profile.SessionId
        && !ProfileChange.Differs(JsonNode.Parse(record.PayloadJson)!.AsObject(), profile.Payload, now);
}
