using Scheduler.Optimizer.Model;

namespace Scheduler.Optimizer.Plans;

/// <summary>
/// Bills demand charges on a series of slot-average imports, as the utility does: each charge on the highest
/// import over the slots it covers, above the peak it has recorded already. The plan, its baseline and the replay
/// all bill with this.
/// </summary>
public static class DemandBilling
{
    /// <summary>Bills every charge on the import of each slot of the window.</summary>
    /// <param name="charges">The tariff's demand charges.</param>
    /// <param name="window">The slots.</param>
    /// <param name="slotAverageKw">The average import of each slot (charging plus base load), in kW.</param>
    public static IReadOnlyList<DemandChargeBill> Bill(IReadOnlyList<DemandCharge> charges, PlanningWindow window, IReadOnlyList<double> slotAverageKw)
    {
        ArgumentNullException.ThrowIfNull(charges);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(slotAverageKw);
        if (slotAverageKw.Count != window.SlotCount)
        {
            throw new ArgumentException($"expected {window.SlotCount} slots, found {slotAverageKw.Count}", nameof(slotAverageKw));
        }

        var bills = new DemandChargeBill[charges.Count];
        for (var d = 0; d < charges.Count; d++)
        {
            bills[d] = BillOne(charges[d], window, slotAverageKw);
        }

        return bills;
    }

    /// <summary>The sum of the amounts.</summary>
    public static double Total(IReadOnlyList<DemandChargeBill> bills) => bills.Sum(b => b.Amount);

    private static DemandChargeBill BillOne(DemandCharge charge, PlanningWindow window, IReadOnlyList<double> slotAverageKw)
    {
        var peak = double.NegativeInfinity;
        var covered = 0;
        for (var k = 0; k < window.SlotCount; k++)
        {
            if (charge.Covers(window.SlotStart(k), window.SlotEnd(k)))
            {
                covered++;
                peak = Math.Max(peak, slotAverageKw[k]);
            }
        }

        peak = covered == 0 ? 0 : Math.Max(0, peak);
        var billed = Math.Max(0, peak - charge.PeakSoFarKw);
        return new DemandChargeBill(charge.Id, charge.PerKw, peak, charge.PeakSoFarKw, billed, billed * charge.PerKw, covered);
    }
}
