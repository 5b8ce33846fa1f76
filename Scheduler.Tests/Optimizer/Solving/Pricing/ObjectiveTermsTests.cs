using Scheduler.Optimizer.Solving.Grid;
using Scheduler.Optimizer.Solving.Pricing;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Optimizer.Solving.Pricing;

public sealed class ObjectiveTermsTests
{
    [Fact]
    public void Segments_OneSession_RoundingFirstThenEqualPartsOfRisingSlope()
    {
        var model = SlotModel.Build(new ProblemBuilder().Charger("cp").SlotPrices(0.10, 0.20, 0.30, 0.40).Session("s", "cp", 0, 60, kwh: 10, maxA: 16).Build());
        var terms = new ObjectiveTerms(model);

        var segments = terms.Segments(model, model.Sessions[0]);

        Assert.Equal(ObjectiveTerms.PenaltySegments + 1, segments.Length);
        Assert.Equal((0.1725, 0.40 + ObjectiveTerms.RoundingMarginPerKwh), (Math.Round(segments[0].SizeKwh, 9), segments[0].PerKwh));
        Assert.All(segments.Skip(1), seg => Assert.Equal((10 - 0.1725) / ObjectiveTerms.PenaltySegments, seg.SizeKwh, 9));
        Assert.True(segments.Skip(1).Zip(segments.Skip(2)).All(p => p.First.PerKwh < p.Second.PerKwh));
        Assert.True(segments[1].PerKwh > 0.40 * ObjectiveTerms.PenaltyPriceFactor - 1e-9);
    }

    [Fact]
    public void Penalty_ShortfallInsideTheRoundingSegment_CostsWhatDeliveringItWould()
    {
        var model = SlotModel.Build(new ProblemBuilder().Charger("cp").FlatPrice(0.20).Session("s", "cp", 0, 60, kwh: 10, maxA: 16).Build());
        var terms = new ObjectiveTerms(model);

        Assert.Equal(0.1 * 0.21, terms.Penalty(model, model.Sessions[0], 0.1), 9);
        Assert.True(terms.Penalty(model, model.Sessions[0], 0.5) > 1);
    }

    [Fact]
    public void TieBreak_LaterSlots_CostAHairMoreAndNeverMoreThanTheMaximum()
    {
        Assert.True(ObjectiveTerms.TieBreak(96, 10) < ObjectiveTerms.TieBreak(96, 11));
        Assert.True(ObjectiveTerms.TieBreak(96, 95) <= ObjectiveTerms.MaxTieBreakPerKwh);
    }
}
