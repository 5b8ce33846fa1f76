using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Scheduler.Functions.Departures;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Http;

/// <summary>
/// <c>POST …/vehicles/{vehicleId}/boost</c>: full power now for the vehicle's running session, until it has taken
/// <c>energyKwh</c> more or until <c>until</c>, whichever the body gives. The boost is accepted at its cost: the site
/// is planned again at once with the boosted session needing all it can take, and the others share what is left.
/// </summary>
public sealed class BoostRequests
{
    private readonly SessionStore _sessions;
    private readonly BoostStore _boosts;
    private readonly PlanRequestQueue _planRequests;
    private readonly IClock _clock;

    /// <summary>Creates the service.</summary>
    public BoostRequests(SessionStore sessions, BoostStore boosts, PlanRequestQueue planRequests, IClock clock)
    {
        _sessions = sessions;
        _boosts = boosts;
        _planRequests = planRequests;
        _clock = clock;
    }

    /// <summary>Starts a boost.</summary>
    public async Task<IActionResult> PostAsync(HttpRequest request, SiteRecord site, string vehicleId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        var body = await RequestBody.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        if (body.Document is not { } document)
        {
            return ApiProblem.Invalid(request, body.Errors);
        }

        var now = _clock.GetCurrentInstant();
        BoostAsk? ask;
        var errors = new List<MessageError>();
        using (document)
        {
            ask = Read(document.RootElement, now, errors);
        }

        if (ask is null)
        {
            return ApiProblem.Invalid(request, errors);
        }

        var running = await _sessions.ListActiveAsync(site.Id, cancellationToken).ConfigureAwait(false);
        var session = running.Where(s => s.VehicleId == vehicleId).OrderByDescending(s => s.Arrival).FirstOrDefault();
        var charger = session is null ? null : site.Chargers.FirstOrDefault(c => c.Id == session.ChargerId);
        if (session is null || charger is null)
        {
            return ApiProblem.Create(request, StatusCodes.Status409Conflict, "boost.not-plugged-in", "The vehicle is not charging", $"vehicle '{vehicleId}' has no running session at site '{site.Id}'; plug it in first");
        }

        var boost = Boost(ask, session, charger, site, now);
        await _boosts.SetAsync(site.Id, vehicleId, boost, cancellationToken).ConfigureAwait(false);
        await _planRequests.RequestAsync(site.Id, "boost", $"{vehicleId}:{now.ToUnixTimeTicks()}", cancellationToken).ConfigureAwait(false);
        return ApiResult.Json(StatusCodes.Status202Accepted, new
        {
            siteId = site.Id,
            vehicleId,
            sessionId = session.Id,
            until = MessageTime.Format(boost.Until),
            targetKwh = Math.Round(boost.TargetKwh, 3),
            maxPowerKw = Math.Round(MaxPowerKw(charger, site), 3),
            replanRequested = true,
        });
    }

    // At full power the charger gives its maximum current on each of its phases.
    private static double MaxPowerKw(ChargerRecord charger, SiteRecord site) => charger.MaxCurrentA * site.VoltageV * charger.Phases / 1000.0;

    private static Boost Boost(BoostAsk ask, SessionRecord session, ChargerRecord charger, SiteRecord site, Instant now)
    {
        var hadKwh = session.MeteredKwh ?? session.EstimatedKwh;
        var maxKw = MaxPowerKw(charger, site);
        var slot = Duration.FromMinutes(site.Settings.SlotMinutes);
        if (ask.EnergyKwh is { } addKwh)
        {
            // Long enough to take the energy at full power, to the end of a planning slot.
            var until = SlotGrid.Ceiling(now + Duration.FromHours(addKwh / maxKw), slot);
            return new Boost(session.Id, now, until > now ? until : now + slot, hadKwh + addKwh);
        }

        var end = ask.Until!.Value;
        return new Boost(session.Id, now, end, hadKwh + (maxKw * (end - now).TotalHours));
    }

    private static BoostAsk? Read(JsonElement root, Instant now, List<MessageError> errors)
    {
        foreach (var property in root.EnumerateObject().Where(p => p.Name is not ("energyKwh" or "until")))
        {
            errors.Add(new(MessageErrorCodes.Schema, "$." + property.Name, $"unknown property \"{property.Name}\", expected energyKwh or until"));
        }

        var hasEnergy = root.TryGetProperty("energyKwh", out var energy);
        var hasUntil = root.TryGetProperty("until", out var until);
        if (hasEnergy == hasUntil)
        {
            errors.Add(new("boost.conflict", hasEnergy ? "$.until" : "$.energyKwh", "expected exactly one of energyKwh (kWh to add at full power) and until (an instant with an offset)"));
            return null;
        }

        if (hasEnergy)
        {
            var kwh = energy.ValueKind == JsonValueKind.Number ? energy.GetDouble() : double.NaN;
            if (!(kwh > 0 && kwh <= DepartureMessage.MaxEnergyKwh))
            {
                errors.Add(new(MessageErrorCodes.EnergyNonPositive, "$.energyKwh", $"found {Protocols.JsonSupport.JsonPath.Describe(energy)}, expected an energy above 0 and at most {DepartureMessage.MaxEnergyKwh.ToString(CultureInfo.InvariantCulture)} kWh"));
            }

            return errors.Count > 0 ? null : new BoostAsk(kwh, null);
        }

        var end = until.ValueKind == JsonValueKind.String ? MessageTime.ReadInstant(until, "$.until", errors) : null;
        if (until.ValueKind != JsonValueKind.String)
        {
            errors.Add(new(MessageErrorCodes.TimeMalformed, "$.until", $"found {Protocols.JsonSupport.JsonPath.Describe(until)}, expected an ISO 8601 instant with an offset"));
        }
        else if (end is { } e && (e <= now + DepartureMessageReader.MinimumLead || e > now + DepartureMessageReader.MaximumHorizon))
        {
            errors.Add(new("boost.until-out-of-range", "$.until", $"the boost's end {MessageTime.Format(e)} is not between 15 minutes and 7 days after now ({MessageTime.Format(now)})"));
        }

        return errors.Count > 0 ? null : new BoostAsk(null, end);
    }

    private sealed record BoostAsk(double? EnergyKwh, Instant? Until);
}
