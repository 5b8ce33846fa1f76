namespace Scheduler.Functions.Vehicles;

/// <summary>How a call to a vehicle's API ended.</summary>
public enum VehicleOutcomeKind
{
    /// <summary>It did what was asked.</summary>
    Done,

    /// <summary>The vehicle sleeps: it was asked to wake, and the call should be made again shortly.</summary>
    Asleep,

    /// <summary>The API asked us to wait (HTTP 429); <see cref="VehicleOutcome.RetryAfter"/> says how long.</summary>
    RateLimited,

    /// <summary>The vehicle or the API refused the command (a current below its minimum, not plugged in): asking again changes nothing.</summary>
    Refused,

    /// <summary>No answer, or a failure of the API (a timeout, a 5xx, the account's token refused): try again later.</summary>
    Unreachable,
}
