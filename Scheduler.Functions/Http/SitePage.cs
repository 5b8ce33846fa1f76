using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using NodaTime;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sites;

namespace Scheduler.Functions.Http;

/// <summary>
/// The operator page of a site: one self-contained HTML document (inline CSS, SVG and script; no external assets, no
/// build step) with the plugged-in vehicles, the plan's chart, the money against uncontrolled charging, the degraded
/// inputs, the held chargers and the site's latest poison messages. It reloads itself every minute.
/// </summary>
public sealed class SitePage
{
    /// <summary>How many poison messages the page lists.</summary>
    public const int PoisonShown = 10;

    /// <summary>How often the page reloads itself, in seconds.</summary>
    public const int RefreshSeconds = 60;

    private readonly SitePlanReader _plans;
    private readonly PoisonStore _poison;

    /// <summary>Creates the page's service.</summary>
    public SitePage(SitePlanReader plans, PoisonStore poison)
    {
        _plans = plans;
        _poison = poison;
    }

    /// <summary>The page of <paramref name="site"/>.</summary>
    public async Task<string> RenderAsync(SiteRecord site, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(site);
        var zone = DateTimeZoneProviders.Tzdb[site.TimeZone];
        var plan = await _plans.ReadAsync(site, cancellationToken).ConfigureAwait(false);
        var poison = await PoisonOfAsync(site.Id, cancellationToken).ConfigureAwait(false);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>").Append(E(site.Id)).Append(" · charging plan</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<h1>Site ").Append(E(site.Id)).Append("</h1>");
        if (plan is null)
        {
            html.Append("<p id=\"no-plan\">This site has not been planned yet.</p>");
        }
        else
        {
            Summary(html, plan, zone);
            Vehicles(html, plan, zone);
            html.Append("<h2>Plan</h2><figure>").Append(PlanChart.Svg(plan, zone)).Append(Legend).Append("<p id=\"readout\" aria-live=\"polite\"></p></figure>");
            Degraded(html, plan);
            Held(html, plan);
        }

        Poison(html, poison, zone);
        html.Append(Invariant($"<footer>Reloads every {RefreshSeconds} s · <span id=\"countdown\"></span></footer>"));
        html.Append("<script>").Append(Script).Append("</script></body></html>");
        return html.ToString();
    }

    private static void Summary(StringBuilder html, SitePlanView plan, DateTimeZone zone)
    {
        var savings = plan.BaselineCost - plan.Cost;
        html.Append("<section id=\"summary\"><p>Planned at <b>").Append(E(SiteTime.Format(plan.PlannedAt, zone))).Append("</b> · status <b id=\"status\">").Append(E(plan.Status)).Append("</b></p>");
        html.Append(Invariant($"<p id=\"money\">This plan costs <b id=\"cost\">{plan.Cost:0.00} {E(plan.Currency)}</b>; charging uncontrolled would cost <b id=\"baseline\">{plan.BaselineCost:0.00} {E(plan.Currency)}</b>: <b id=\"savings\">{savings:0.00} {E(plan.Currency)}</b> saved.</p>"));
        if (plan.PeakSoFarKw is { } peak)
        {
            html.Append(Invariant($"<p>Billing-period peak so far: <b id=\"peak\">{peak:0.0} kW</b>.</p>"));
        }

        html.Append("</section>");
    }

    private static void Vehicles(StringBuilder html, SitePlanView plan, DateTimeZone zone)
    {
        html.Append("<h2>Plugged in</h2><table id=\"vehicles\"><thead><tr><th>Vehicle</th><th>Charger</th><th>So far</th><th>By departure</th><th>Asked</th><th>Departure</th><th>Expected finish</th><th>Why short</th></tr></thead><tbody>");
        foreach (var session in plan.Sessions)
        {
            html.Append("<tr class=\"vehicle").Append(session.IsShort ? " short" : string.Empty).Append("\" data-session=\"").Append(E(session.SessionId)).Append("\">");
            Cell(html, session.VehicleId ?? session.SessionId);
            Cell(html, session.ChargerId);
            Cell(html, Invariant($"{session.DeliveredKwh:0.0} kWh"));
            Cell(html, Invariant($"{session.EnergyByDepartureKwh:0.0} kWh"));
            Cell(html, Invariant($"{session.RequestedKwh:0.0} kWh"));
            Cell(html, $"{PlanExplanation.At(session.Departure, zone)} ({session.DepartureSource})");
            Cell(html, session.ExpectedFinish is { } finish ? PlanExplanation.At(finish, zone) : "not charging");
            Cell(html, string.Join(" ", session.Reasons.Select(r => r.Message)));
            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Degraded(StringBuilder html, SitePlanView plan)
    {
        var items = new List<string>();
        if (plan.PriceFallback != "none")
        {
            items.Add($"prices: {plan.PriceFallback}");
        }

        foreach (var session in plan.Sessions)
        {
            if (session.DepartureSource != "driver")
            {
                items.Add($"{session.VehicleId ?? session.SessionId}: departure {session.DepartureSource}");
            }

            if (session.EnergySource != "driver")
            {
                items.Add($"{session.VehicleId ?? session.SessionId}: energy {session.EnergySource}");
            }
        }

        items.AddRange(plan.Warnings);
        html.Append("<h2>Degraded inputs</h2><ul id=\"degraded\">");
        html.Append(items.Count == 0 ? "<li>none</li>" : string.Concat(items.Select(i => $"<li>{E(i)}</li>")));
        html.Append("</ul>");
    }

    private static void Held(StringBuilder html, SitePlanView plan)
    {
        html.Append("<h2>Held chargers</h2><ul id=\"held\">");
        html.Append(plan.Held.Count == 0 ? "<li>none</li>" : string.Concat(plan.Held.Select(h => Invariant($"<li>{E(h.ChargerId)}: {E(h.Reason)} (held at {h.FailSafeCurrentA:0.#} A)</li>"))));
        html.Append("</ul>");
    }

    private static void Poison(StringBuilder html, IReadOnlyList<PoisonRecord> poison, DateTimeZone zone)
    {
        html.Append("<h2>Latest poison messages</h2><table id=\"poison\"><thead><tr><th>When</th><th>Queue</th><th>Code</th><th>Reason</th></tr></thead><tbody>");
        if (poison.Count == 0)
        {
            html.Append("<tr><td colspan=\"4\">none</td></tr>");
        }

        foreach (var record in poison)
        {
            html.Append("<tr>");
            Cell(html, SiteTime.Format(record.At, zone));
            Cell(html, record.Queue);
            Cell(html, record.Code);
            Cell(html, record.Reason);
            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }

    // A poison record belongs to the site its message names; one that names none (not JSON) is shown to no site.
    private async Task<IReadOnlyList<PoisonRecord>> PoisonOfAsync(string siteId, CancellationToken cancellationToken)
    {
        var records = new List<PoisonRecord>();
        foreach (var queue in QueueNames.All)
        {
            records.AddRange((await _poison.ListAsync(queue, cancellationToken).ConfigureAwait(false)).Where(r => SiteOf(r.Text) == siteId));
        }

        return [.. records.OrderByDescending(r => r.At).Take(PoisonShown)];
    }

    private static string? SiteOf(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("siteId", out var site) && site.ValueKind == JsonValueKind.String
                ? site.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Cell(StringBuilder html, string text) => html.Append("<td>").Append(E(text)).Append("</td>");

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private const string Legend =
        "<figcaption><span class=\"key\" style=\"background:#3b82f6\"></span>planned import " +
        "<span class=\"key\" style=\"background:#dc2626\"></span>limit (connection, DR events) " +
        "<span class=\"key\" style=\"background:#7c3aed\"></span>billing-period peak " +
        "<span class=\"key\" style=\"background:#f59e0b\"></span>price per kWh (right axis)</figcaption>";

    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:1.5rem;color:#111}table{border-collapse:collapse;width:100%}" +
        "th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;font-size:.9rem}tr.short td{background:#fff7ed}" +
        "figure{margin:0}.key{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 .8rem}footer{margin-top:1rem;color:#666}";

    // Reads a bar's numbers out on hover, and reloads the page every minute.
    private const string Script =
        "(function(){var out=document.getElementById('readout');" +
        "document.querySelectorAll('#plan-chart rect.load').forEach(function(r){r.addEventListener('mouseenter',function(){" +
        "out.textContent=r.dataset.start+': '+r.dataset.kw+' kW of '+r.dataset.limit+' kW, price '+r.dataset.price;});});" +
        "var left=60,c=document.getElementById('countdown');c.textContent='next in '+left+' s';" +
        "setInterval(function(){left-=1;c.textContent='next in '+left+' s';" +
        "if(left<=0){location.reload();}},1000);})();";
}
