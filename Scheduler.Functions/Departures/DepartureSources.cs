namespace Scheduler.Functions.Departures;

/// <summary>Where a session's departure and energy came from, as a plan's inputs record it.</summary>
public static class DepartureSources
{
    /// <summary>The driver set them for this session or vehicle (queue message or <c>PUT …/departure</c>).</summary>
    public const string Driver = "driver";

    /// <summary>The vehicle's recurring departure for that weekday.</summary>
    public const string Recurring = "recurring";

    /// <summary>A boost: full power now until an energy or a time.</summary>
    public const string Boost = "boost";
}
