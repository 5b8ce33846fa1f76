namespace Scheduler.Optimizer.Plans;

/// <summary>Why a session is planned at 0 whatever the prices and limits: a code for programs and a sentence for people.</summary>
/// <param name="Code">One of the constants of this type, e.g. <see cref="CannotDraw"/>.</param>
/// <param name="Message">The reason in words, with the numbers that matter.</param>
public sealed record SessionNote(string Code, string Message)
{
    /// <summary>The vehicle's maximum current is below the charger's (or the vehicle's own) minimum: no current is allowed.</summary>
    public const string CannotDraw = "cannot-draw";

    /// <summary>The session does not overlap the planning window.</summary>
    public const string OutsideWindow = "outside-window";
}
