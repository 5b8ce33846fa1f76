namespace Scheduler.Tests.Functions.Fakes;

/// <summary>
/// A clock that moves only when the test says, for token expiry. Timers and delays stay real (the base class's), so
/// the resilience pipelines' timeouts still fire.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private DateTimeOffset _now;

    /// <summary>A clock at <paramref name="start"/>.</summary>
    public ManualTimeProvider(DateTimeOffset start) => _now = start;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves the clock on by <paramref name="by"/>.</summary>
    public void Advance(TimeSpan by) => _now += by;
}
