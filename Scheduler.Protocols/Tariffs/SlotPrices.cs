using Scheduler.Optimizer.Model;

namespace Scheduler.Protocols.Tariffs;

/// <summary>Prices mapped onto a plan's grid by <see cref="TariffSlots.ToSlots"/>.</summary>
/// <param name="Slots">One price per fully covered slot, in time order; a slot with any unpriced time is left out.</param>
/// <param name="Gaps">The unpriced stretches of the window, as <see cref="TariffSlots.FindGaps(IReadOnlyList{PriceInterval}, NodaTime.Instant, NodaTime.Instant)"/> reports them.</param>
public sealed record SlotPrices(IReadOnlyList<PriceInterval> Slots, IReadOnlyList<PriceGap> Gaps)
{
    /// <summary>True when every slot of the window has a price.</summary>
    public bool IsComplete => Gaps.Count == 0;
}
