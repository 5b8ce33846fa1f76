using Scheduler.Optimizer.Model;

namespace Scheduler.Protocols.OpenAdr;

/// <summary>The signals that hold for a site once its events are folded together by <see cref="GridSignalBook.Resolve"/>.</summary>
/// <param name="GridSignals">Import limits, in start order, without overlaps.</param>
/// <param name="PriceOverrides">Price overrides, in start order, without overlaps.</param>
/// <param name="Warnings">Payloads not used (unmapped SIMPLE level, price without units) and conflicts flagged (equal priority).</param>
public sealed record GridSignalSet(
    IReadOnlyList<GridSignal> GridSignals,
    IReadOnlyList<PriceOverride> PriceOverrides,
    IReadOnlyList<OpenAdrIssue> Warnings);
