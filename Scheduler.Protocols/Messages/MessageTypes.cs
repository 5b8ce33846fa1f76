namespace Scheduler.Protocols.Messages;

/// <summary>The <c>type</c> values of the queue messages, and the format version this code reads and writes.</summary>
public static class MessageTypes
{
    /// <summary>The only message format version: 1.</summary>
    public const int CurrentVersion = 1;

    /// <summary>A driver's departure and energy need (<see cref="DepartureMessage"/>).</summary>
    public const string Departure = "departure";

    /// <summary>A session started, sent meter values, or stopped (<see cref="SessionEventMessage"/>).</summary>
    public const string SessionEvent = "session-event";

    /// <summary>An OpenADR 3 event for a site (<see cref="GridSignalMessage"/>).</summary>
    public const string GridSignal = "grid-signal";

    /// <summary>A request to plan a site again (<see cref="PlanRequestMessage"/>).</summary>
    public const string PlanRequest = "plan-request";

    /// <summary>A profile of a plan to send to a charger (<see cref="DispatchMessage"/>).</summary>
    public const string Dispatch = "dispatch";

    /// <summary>A step of a plan for a vehicle controlled through its maker's API (<see cref="VehicleCommandMessage"/>).</summary>
    public const string VehicleCommand = "vehicle-command";

    /// <summary>A reading of the site's own import meter (<see cref="SiteMeterMessage"/>).</summary>
    public const string SiteMeter = "site-meter";

    /// <summary>Every known type, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } = [Departure, SessionEvent, GridSignal, PlanRequest, Dispatch, VehicleCommand, SiteMeter];

    /// <summary>True when <paramref name="type"/> is one of <see cref="All"/> (compared exactly).</summary>
    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}
