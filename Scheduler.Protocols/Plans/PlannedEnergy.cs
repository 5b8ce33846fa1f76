using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Scheduler.Protocols.Plans;

/// <summary>The power a plan file (v1) allowed each session, read back to estimate what was drawn since.</summary>
public sealed class PlannedEnergy
{
    private readonly Dictionary<string, List<(Instant Start, Instant End, double PowerKw)>> _periods;

    private PlannedEnergy(Dictionary<string, List<(Instant Start, Instant End, double PowerKw)>> periods) => _periods = periods;

    /// <summary>A plan that allowed nothing (there was no earlier plan).</summary>
    public static PlannedEnergy None { get; } = new(new Dictionary<string, List<(Instant, Instant, double)>>(StringComparer.Ordinal));

    /// <summary>Reads the sessions' periods of a plan file (v1).</summary>
    public static PlannedEnergy Read(string planJson)
    {
        using var document = JsonDocument.Parse(planJson);
        var periods = new Dictionary<string, List<(Instant, Instant, double)>>(StringComparer.Ordinal);
        foreach (var session in document.RootElement.GetProperty("sessions").EnumerateArray())
        {
            var list = new List<(Instant, Instant, double)>();
            foreach (var period in session.GetProperty("periods").EnumerateArray())
            {
                list.Add((Parse(period.GetProperty("start")), Parse(period.GetProperty("end")), period.GetProperty("powerKw").GetDouble()));
            }

            periods[session.GetProperty("id").GetString()!] = list;
        }

        return new PlannedEnergy(periods);
    }

    /// <summary>The energy, in kWh, the plan allowed <paramref name="sessionId"/> between two instants.</summary>
    public double EnergyKwh(string sessionId, Instant from, Instant to)
    {
        if (to <= from || !_periods.TryGetValue(sessionId, out var periods))
        {
            return 0;
        }

        var kwh = 0.0;
        foreach (var (start, end, powerKw) in periods)
        {
            var overlap = (end < to ? end : to) - (start > from ? start : from);
            if (overlap > Duration.Zero)
            {
                kwh += powerKw * overlap.TotalHours;
            }
        }

        return kwh;
    }

    private static Instant Parse(JsonElement text) => OffsetDateTimePattern.ExtendedIso.Parse(text.GetString()!).GetValueOrThrow().ToInstant();
}
