using Scheduler.Protocols.Ocpp;

namespace Scheduler.Tests.Protocols.Ocpp;

public sealed class ScheduleCoarsenerTests
{
    [Fact]
    public void Coarsen_WithinBudget_Unchanged()
    {
        var limits = new decimal[] { 16, 8, 0 };

        var result = ScheduleCoarsener.Coarsen([900, 900, 0], limits, 3);

        Assert.Equal(limits, result);
    }

    [Fact]
    public void Coarsen_OverBudget_MergesWhereLeastIsLost()
    {
        // Merging 16 and 15 loses 1 A × 900 s; any other merge loses more.
        var result = ScheduleCoarsener.Coarsen([900, 900, 900, 0], [16m, 15m, 6m, 0m], 3);

        Assert.Equal([15m, 15m, 6m, 0m], result);
    }

    [Fact]
    public void Coarsen_OneAllowed_TakesTheMinimum()
    {
        var result = ScheduleCoarsener.Coarsen([900, 900, 0], [16m, 10m, 0m], 1);

        Assert.Equal([0m, 0m, 0m], result);
    }
}
