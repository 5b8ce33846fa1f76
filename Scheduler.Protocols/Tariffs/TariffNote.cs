namespace Scheduler.Protocols.Tariffs;

/// <summary>Something in a tariff that was read but is not planned (e.g. a fixed monthly charge), or that the user should know.</summary>
/// <param name="Location">The place in the feed, as for a <see cref="TariffError"/>, e.g. <c>$.items[0].fixedchargefirstmeter</c>.</param>
/// <param name="Message">What it is and what was done with it.</param>
public sealed record TariffNote(string Location, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Location}: {Message}";
}
