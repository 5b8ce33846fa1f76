namespace Scheduler.Functions.Vehicles;

/// <summary>The outcome of a call to a vehicle's API, with the state it read where it read one.</summary>
/// <param name="Kind">How it ended.</param>
/// <param name="Reason">Why, for the log, where it did not end <see cref="VehicleOutcomeKind.Done"/>.</param>
/// <param name="RetryAfter">How long the API asked us to wait, for <see cref="VehicleOutcomeKind.RateLimited"/>.</param>
/// <param name="State">The state read, for a read that ended <see cref="VehicleOutcomeKind.Done"/>.</param>
public sealed record VehicleOutcome(VehicleOutcomeKind Kind, string? Reason = null, TimeSpan? RetryAfter = null, VehicleState? State = null)
{
    /// <summary>A call that did what was asked.</summary>
    public static VehicleOutcome Done { get; } = new(VehicleOutcomeKind.Done);

    /// <summary>Whether the call did what was asked.</summary>
    public bool IsDone => Kind == VehicleOutcomeKind.Done;
}
