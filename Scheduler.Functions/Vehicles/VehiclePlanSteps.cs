using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Scheduler.Functions.Vehicles;

/// <summary>
/// A session's periods of a plan file as the steps a vehicle is commanded through: the current the plan allows at an
/// instant (0 outside its periods), and the next instant where that changes. A vehicle takes no schedule, so the app
/// sends each change when it is due.
/// </summary>
public sealed class VehiclePlanSteps
{
    private readonly IReadOnlyList<(Instant Start, Instant End, double CurrentA)> _periods;

    private VehiclePlanSteps(IReadOnlyList<(Instant Start, Instant End, double CurrentA)> periods) => _periods = periods;

    /// <summary>The steps of <paramref name="sessionId"/> in the plan file <paramref name="planJson"/>; none where the plan does not have it.</summary>
    public static VehiclePlanSteps Read(string planJson, string sessionId)
    {
        using var document = JsonDocument.Parse(planJson);
        var periods = new List<(Instant, Instant, double)>();
        foreach (var session in document.RootElement.GetProperty("sessions").EnumerateArray().Where(s => s.GetProperty("id").GetString() == sessionId))
        {
            foreach (var period in session.GetProperty("periods").EnumerateArray())
            {
                periods.Add((InstantOf(period, "start"), InstantOf(period, "end"), period.GetProperty("currentA").GetDouble()));
            }
        }

        return new VehiclePlanSteps([.. periods.OrderBy(p => p.Item1)]);
    }

    /// <summary>The whole amps the plan allows at <paramref name="at"/>: 0 outside its periods.</summary>
    public int CurrentAt(Instant at) =>
        (int)Math.Floor(_periods.FirstOrDefault(p => p.Start <= at && at < p.End).CurrentA);

    /// <summary>The first instant after <paramref name="at"/> where the allowed current changes, or null when it never does again.</summary>
    public Instant? NextChange(Instant at)
    {
        var now = CurrentAt(at);
        return _periods.SelectMany(p => new[] { p.Start, p.End }).Where(t => t > at).Distinct().Order()
            .Select(t => (Instant?)t).FirstOrDefault(t => CurrentAt(t!.Value) != now);
    }

    private static Instant InstantOf(JsonElement period, string name) =>
        OffsetDateTimePattern.ExtendedIso.Parse(period.GetProperty(name).GetString()!).GetValueOrThrow().ToInstant();
}
