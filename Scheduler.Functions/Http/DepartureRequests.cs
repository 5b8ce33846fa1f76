using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Scheduler.Functions.Departures;
using Scheduler.Functions.Ingest;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sites;
using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Http;

/// <summary>
/// <c>PUT</c> and <c>DELETE …/vehicles/{vehicleId}/departure</c>. A PUT body is a departure message without its
/// envelope (<c>type</c>, <c>version</c>, <c>id</c>, <c>siteId</c>, <c>vehicleId</c> come from the path), and a
/// <c>departureLocal</c> without <c>timeZone</c> is in the site's zone. It then goes through
/// <see cref="DepartureIngest"/>, the very service of the <c>departures</c> queue, so that both change the next plan alike.
/// </summary>
public sealed class DepartureRequests
{
    private static readonly string[] Envelope = ["type", "version", "id", "siteId", "vehicleId", "sessionId"];

    private readonly DepartureIngest _ingest;
    private readonly DepartureStore _departures;
    private readonly PlanRequestQueue _planRequests;

    /// <summary>Creates the service.</summary>
    public DepartureRequests(DepartureIngest ingest, DepartureStore departures, PlanRequestQueue planRequests)
    {
        _ingest = ingest;
        _departures = departures;
        _planRequests = planRequests;
    }

    /// <summary>
    /// Sets the vehicle's next departure. The same body sent again is the same setting (its message id is the hash of
    /// site, vehicle and body), so a repeat changes nothing and asks for no plan.
    /// </summary>
    public async Task<IActionResult> PutAsync(HttpRequest request, SiteRecord site, string vehicleId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        var body = await RequestBody.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        if (body.Document is not { } document)
        {
            return ApiProblem.Invalid(request, body.Errors);
        }

        string message;
        string messageId;
        using (document)
        {
            var reserved = Envelope.Where(name => document.RootElement.TryGetProperty(name, out _))
                .Select(name => new MessageError("body.reserved", "$." + name, $"\"{name}\" is given by the path or the app, expected it left out of the body"))
                .ToList();
            if (reserved.Count > 0)
            {
                return ApiProblem.Invalid(request, reserved);
            }

            messageId = IdOf(site.Id, vehicleId, body.Text);
            message = Compose(document.RootElement, site, vehicleId, messageId);
        }

        var current = await _departures.FindVehicleAsync(site.Id, vehicleId, cancellationToken).ConfigureAwait(false);
        if (current?.MessageId == messageId)
        {
            return ApiResult.Json(StatusCodes.Status200OK, Describe(site.Id, vehicleId, current, changed: false));
        }

        var outcome = await _ingest.HandleAsync(message, cancellationToken).ConfigureAwait(false);
        if (outcome.Errors.Count > 0)
        {
            return ApiProblem.Invalid(request, outcome.Errors);
        }

        var stored = await _departures.FindVehicleAsync(site.Id, vehicleId, cancellationToken).ConfigureAwait(false);
        if (stored?.MessageId != messageId)
        {
            return ApiProblem.Create(request, StatusCodes.Status409Conflict, "departure.superseded", "A newer departure is set", "the vehicle has a setting sent after this one (by its sentAt); it is kept");
        }

        return ApiResult.Json(StatusCodes.Status200OK, Describe(site.Id, vehicleId, stored, changed: true));
    }

    /// <summary>Forgets what was set for the vehicle (the site's default, or its recurring departure, applies again); deleting nothing is no error.</summary>
    public async Task<IActionResult> DeleteAsync(SiteRecord site, string vehicleId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (await _departures.DeleteVehicleAsync(site.Id, vehicleId, cancellationToken).ConfigureAwait(false))
        {
            await _planRequests.RequestAsync(site.Id, "departure", $"delete:{vehicleId}:{Guid.NewGuid():N}", cancellationToken).ConfigureAwait(false);
        }

        return ApiResult.NoContent();
    }

    /// <summary>A setting as the API shows it.</summary>
    public static object Describe(string siteId, string vehicleId, DepartureRecord record, bool changed)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new
        {
            siteId,
            vehicleId,
            departure = MessageTime.Format(record.Departure),
            energyKwh = Math.Round(record.EnergyKwh, 3),
            id = record.MessageId,
            changed,
            replanRequested = changed,
        };
    }

    private static string IdOf(string siteId, string vehicleId, string body)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{siteId}\n{vehicleId}\n{body.Trim()}"));
        return "http:" + Convert.ToHexStringLower(hash)[..32];
    }

    private static string Compose(JsonElement body, SiteRecord site, string vehicleId, string messageId)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", MessageTypes.Departure);
            json.WriteNumber("version", MessageTypes.CurrentVersion);
            json.WriteString("id", messageId);
            json.WriteString("siteId", site.Id);
            json.WriteString("vehicleId", vehicleId);
            foreach (var property in body.EnumerateObject())
            {
                property.WriteTo(json);
            }

            if (body.TryGetProperty("departureLocal", out _) && !body.TryGetProperty("timeZone", out _))
            {
                json.WriteString("timeZone", site.TimeZone);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
