namespace Scheduler.Functions.Sessions;

/// <summary>
/// Whose departure a session is planned with when both its driver's app and its vehicle (ISO 15118) announced one: the
/// site setting <c>departureAuthority</c>.
/// </summary>
public static class DepartureAuthority
{
    /// <summary>The newer announcement wins, whoever made it (the default): a driver who changed plans in the car or in the app last meant it.</summary>
    public const string Newest = "newest";

    /// <summary>The app's setting wins where there is one (cars whose departure setting drivers forget).</summary>
    public const string Driver = "driver";

    /// <summary>The vehicle's announcement wins where there is one (fleets whose cars are scheduled by the fleet).</summary>
    public const string Vehicle = "vehicle";

    /// <summary>Every value the setting may take.</summary>
    public static IReadOnlyList<string> All { get; } = [Newest, Driver, Vehicle];

    /// <summary>Whether <paramref name="value"/> is one of <see cref="All"/>.</summary>
    public static bool IsKnown(string? value) => value is not null && All.Contains(value, StringComparer.Ordinal);
}
