using NodaTime;
using Scheduler.Functions.Billing;

namespace Scheduler.Tests.Functions.Billing;

public sealed class SiteMeterImportTests
{
    private static readonly Instant Noon = Instant.FromUtc(2026, 3, 10, 12, 0);
    private static readonly Duration Slot = Duration.FromMinutes(15);

    [Fact]
    public void ImportKw_RegistersEveryFiveMinutesInAnyOrder_AverageOfTheSlot()
    {
        // 2.5 kWh in each five minutes is 30 kW; the readings come shuffled, one of them twice.
        var registers = new[] { 3, 0, 2, 1, 2 }.Select(i => (Noon + Duration.FromMinutes(5 * i), 100 + (2.5 * i)));

        var import = SiteMeterImport.From(registers, [], Slot);

        Assert.Equal(30, import.ImportKw(Noon, Noon + Slot)!.Value, 9);
        Assert.Equal(Noon + Duration.FromMinutes(15), import.LatestReading);
    }

    [Fact]
    public void ImportKw_ReadingsFurtherApartThanASlot_NoImport()
    {
        var import = SiteMeterImport.From([(Noon - Duration.FromMinutes(5), 100), (Noon + Duration.FromMinutes(15), 110)], [], Slot);

        Assert.Null(import.ImportKw(Noon, Noon + Slot));
    }

    [Fact]
    public void ImportKw_RegisterFalls_NoImport()
    {
        // A replaced meter starts from zero: the step down is no energy, and the slot falls back.
        var import = SiteMeterImport.From([(Noon, 5000), (Noon + Slot, 3)], [], Slot);

        Assert.Null(import.ImportKw(Noon, Noon + Slot));
    }

    [Fact]
    public void ImportKw_AverageAndRegistersOfTheSameTime_CountedOnce()
    {
        // The average of 12:00-12:15 and registers that say the same: 20 kW, not 40.
        var import = SiteMeterImport.From([(Noon, 0), (Noon + Slot, 5)], [(Noon, Noon + Slot, 20)], Slot);

        Assert.Equal(20, import.ImportKw(Noon, Noon + Slot)!.Value, 9);
    }

    [Fact]
    public void ImportKw_AveragesOfPartOfTheSlot_OnlyWhenTheyCoverItAll()
    {
        var tenMinutes = SiteMeterImport.From([], [(Noon, Noon + Duration.FromMinutes(10), 12)], Slot);
        var whole = SiteMeterImport.From([], [(Noon, Noon + Duration.FromMinutes(10), 12), (Noon + Duration.FromMinutes(10), Noon + Slot, 24)], Slot);

        Assert.Null(tenMinutes.ImportKw(Noon, Noon + Slot));
        Assert.Equal(16, whole.ImportKw(Noon, Noon + Slot)!.Value, 9);
    }

    [Fact]
    public void Awaits_RecentMeterAndSlotJustEnded_WaitsUntilTheGraceIsOver()
    {
        var import = SiteMeterImport.From([(Noon + Duration.FromMinutes(10), 1)], [], Slot);

        Assert.True(import.Awaits(Noon + Slot, Noon + Slot));
        Assert.False(import.Awaits(Noon + Slot, Noon + Slot + SiteMeterImport.Grace));
        Assert.False(SiteMeterImport.None.Awaits(Noon + Slot, Noon + Slot));
    }
}
