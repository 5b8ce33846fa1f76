namespace Scheduler.Optimizer.Solving;

/// <summary>
/// The parts of the objective beyond price: the penalty on shortfall and the tie-break towards early charging.
/// The relaxation, the repair and the exact stage all price a plan with these same terms.
/// </summary>
internal sealed class ObjectiveTerms
{
    /// <summary>The shortfall of a session is cut into this many equal parts of its request, each dearer than the last.</summary>
    public const int PenaltySegments = 20;

    /// <summary>The largest tie-break per kWh, far below any price step a feed can express (0.01 per MWh).</summary>
    public const double MaxTieBreakPerKwh = 1e-7;

    /// <summary>How much more than the dearest usable slot the last fraction of a step costs when it is missing.</summary>
    public const double RoundingMarginPerKwh = 0.01;

    private readonly int _slotCount;

    public ObjectiveTerms(SlotModel model)
    {
        // A kWh short must cost more than any kWh delivered could: its price, plus the demand charge that
        // delivering it in one slot could add (a kWh in a slot of h hours raises the average by 1/h kW).
        var maxAbsPrice = model.PricePerKwh.Length == 0 ? 0 : model.PricePerKwh.Max(Math.Abs);
        var maxDemandPerKw = model.DemandPerKw.DefaultIfEmpty(0).Max();
        BasePenaltyPerKwh = (100 * Math.Max(maxAbsPrice, 0.01)) + (10 * maxDemandPerKw / model.SlotHours);
        _slotCount = Math.Max(1, model.SlotCount);
    }

    /// <summary>The penalty per kWh in the first (cheapest) segment of shortfall.</summary>
    public double BasePenaltyPerKwh { get; }

    /// <summary>The penalty per kWh of segment j (0-based); the slopes grow, so shortfall is shared out.</summary>
    public double SegmentSlope(int j) => BasePenaltyPerKwh * (1 + j);

    /// <summary>The tie-break per kWh delivered in slot k: later slots cost a hair more.</summary>
    public double TieBreakPerKwh(int k) => MaxTieBreakPerKwh * k / _slotCount;

    /// <summary>
    /// The segments of a session's shortfall as (size in kWh, penalty per kWh), cheapest first. The first is one
    /// amp-slot, priced just above the dearest slot the session could use: whole amps cannot always hit the
    /// target exactly, and that last fraction of a step should cost what delivering it would, not a penalty.
    /// The rest of the target is cut into equal segments with ever steeper slopes, so that shortfall is shared.
    /// </summary>
    public (double SizeKwh, double PerKwh)[] Segments(SlotModel model, SessionSlots s)
    {
        if (s.TargetKwh <= 0 || s.Length == 0)
        {
            return [];
        }

        var rounding = Math.Min(s.TargetKwh, s.KwPerAmp * model.SlotHours);
        var dearest = Enumerable.Range(s.First, s.Length).Max(k => Math.Max(0, model.PricePerKwh[k]) + (model.DemandPerKw[k] / model.SlotHours));
        var roundingPrice = dearest + RoundingMarginPerKwh;
        var segments = new (double, double)[PenaltySegments + 1];
        segments[0] = (rounding, roundingPrice);
        var rest = (s.TargetKwh - rounding) / PenaltySegments;
        for (var j = 0; j < PenaltySegments; j++)
        {
            segments[j + 1] = (rest, SegmentSlope(j));
        }

        return segments;
    }

    /// <summary>The penalty for falling <paramref name="shortKwh"/> short of the session's target.</summary>
    public double Penalty(SlotModel model, SessionSlots s, double shortKwh)
    {
        var penalty = 0.0;
        var remaining = shortKwh;
        foreach (var (size, perKwh) in Segments(model, s))
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
