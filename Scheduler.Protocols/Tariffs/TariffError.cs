namespace Scheduler.Protocols.Tariffs;

/// <summary>One thing wrong with a tariff feed, where it is.</summary>
/// <param name="Location">
/// The place: a JSON path (<c>$.data[3].marketprice</c>), an XML element path with its line
/// (<c>line 42 /Publication_MarketDocument/TimeSeries[1]/Period[1]/Point[3]/price.amount</c>)
/// or a CSV line (<c>line 17</c>).
/// </param>
/// <param name="Message">What was found and what was expected.</param>
public sealed record TariffError(string Location, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Location}: {Message}";
}
