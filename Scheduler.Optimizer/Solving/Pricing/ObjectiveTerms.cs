using Scheduler.Optimizer.Solving.Grid;

namespace Scheduler.Optimizer.Solving.Pricing;

/// <summary>
/// The parts of the objective beyond the bill: the penalty on shortfall and the tie-break towards early charging.
/// The relaxation, the repair and the exact stage all price a plan with these same terms.
/// </summary>
internal sealed class ObjectiveTerms
{
    /// <summary>The shortfall of a session is cut into this many equal parts of its request, each dearer than the last.</summary>
    public const int PenaltySegments = 10;

    /// <summary>The largest tie-break per kWh, far below any price step a feed can express (0.01 per MWh).</summary>
    public const double MaxTieBreakPerKwh = 1e-7;

    /// <summary>How much more than the dearest usable slot the last fraction of a step costs when it is missing.</summary>
    public const double RoundingMarginPerKwh = 0.01;

    /// <summary>A kWh short costs at least this many times the dearest energy price of the window.</summary>
    public const double PenaltyPriceFactor = 100;

    /// <summary>... plus this many times the most one kWh in one slot could add to the demand charges.</summary>
    public const double PenaltyDemandFactor = 10;

    /// <summary>The floor under the dearest price the penalty scales with, so that free or negative energy still leaves shortfall dear.</summary>
    public const double PenaltyPriceFloorPerKwh = 0.01;

    public ObjectiveTerms(SlotModel model)
    {
        // A kWh short must cost more than any kWh delivered could: its price, plus the demand charges that
        // delivering it in one slot could add (a kWh in a slot of h hours raises the average by 1/h kW).
        var maxAbsPrice = model.PricePerKwh.Length == 0 ? 0 : model.PricePerKwh.Max(Math.Abs);
        var maxDemandPerKw = model.DemandPerKw.DefaultIfEmpty(0).Max();
        BasePenaltyPerKwh = (PenaltyPriceFactor * Math.Max(maxAbsPrice, PenaltyPriceFloorPerKwh))
            + (PenaltyDemandFactor * maxDemandPerKw / model.SlotHours);
        _segments = new (double, double)[model.Sessions.Length][];
    }

    /// <summary>Each session's segments, made on first use: every stage prices shortfall many times.</summary>
    private readonly (double SizeKwh, double PerKwh)[]?[] _segments;

    /// <summary>The penalty per kWh in the first segment of shortfall beyond rounding.</summary>
    public double BasePenaltyPerKwh { get; }

    /// <summary>The tie-break per kWh delivered in slot k of <paramref name="slotCount"/>, by any session: later slots cost a hair more.</summary>
    public static double TieBreak(int slotCount, int k) => MaxTieBreakPerKwh * k / Math.Max(1, slotCount);

    /// <summary>The penalty per kWh of segment j (0-based); the slopes grow, so shortfall is shared out.</summary>
    public double SegmentSlope(int j) => BasePenaltyPerKwh * (1 + j);

    /// <summary>
    /// The segments of a session's shortfall as (size in kWh, penalty per kWh), cheapest first. The first is its
    /// top-up and one amp-slot of its request, priced just above the dearest energy the session could use: whole
    /// amps cannot always hit the request exactly, and that last fraction of a step should cost what delivering it
    /// would, not a penalty; a top-up is worth its energy and no more. It leaves out the demand charges on purpose: a
    /// plan may leave a driver less than one amp-slot short, or a battery short of full, rather than raise the site's
    /// peak for it, so the relaxation's bound and the plan weigh that energy alike. The rest of the target is cut
    /// into equal segments with ever steeper slopes, so that shortfall is shared.
    /// </summary>
    public (double SizeKwh, double PerKwh)[] Segments(SlotModel model, SessionSlots s)
    {
        if (s.TargetKwh <= 0 || s.Length == 0)
        {
            return [];
        }

        var rounding = RoundingKwh(model, s);
        var segments = new (double, double)[PenaltySegments + 1];
        segments[0] = (rounding, RoundingPerKwh(model, s));
        var rest = (s.TargetKwh - rounding) / PenaltySegments;
        for (var j = 0; j < PenaltySegments; j++)
        {
            segments[j + 1] = (rest, SegmentSlope(j));
        }

        return segments;
    }

    /// <summary>The size of the session's first, cheap shortfall segment: its top-up, and one amp-slot of its request (or the whole request if smaller).</summary>
    public double RoundingKwh(SlotModel model, SessionSlots s) => s.TopUpKwh + Math.Min(s.TargetKwh - s.TopUpKwh, s.KwPerAmp * model.SlotHours);

    /// <summary>Whether a session <paramref name="missingKwh"/> short (top-up included) has passed its cheap segment into the real penalty.</summary>
    public bool IsShortBeyondRounding(SlotModel model, SessionSlots s, double missingKwh) =>
        s.Length > 0 && missingKwh > RoundingKwh(model, s) + Tolerance.Energy;

    /// <summary>The price per kWh of the session's rounding segment: its dearest energy price plus <see cref="RoundingMarginPerKwh"/>.</summary>
    public double RoundingPerKwh(SlotModel model, SessionSlots s) =>
        Enumerable.Range(s.First, s.Length).Max(k => Math.Max(0, model.PricePerKwh[k])) + RoundingMarginPerKwh;

    /// <summary>The penalty for falling <paramref name="shortKwh"/> short of the session's target.</summary>
    public double Penalty(SlotModel model, SessionSlots s, double shortKwh)
    {
        var penalty = 0.0;
        var remaining = shortKwh;
        var segments = _segments[s.Index] ??= Segments(model, s);
        foreach (var (size, perKwh) in segments)
        {
            if (remaining <= 0)
            {
                break;
            }

            var part = Math.Min(size, remaining);
            penalty += part * perKwh;
            remaining -= part;
        }

        return penalty;
    }
}
