namespace Scheduler.Protocols.Ocpp;

/// <summary>
/// Limits as OCPP accepts them: at most one decimal (the 1.6 schema's <c>multipleOf 0.1</c>), always rounded
/// down so that a profile never allows more than the plan.
/// </summary>
public static class OcppLimit
{
    /// <summary>How far below a tenth a value may be and still count as that tenth: floating-point noise, not a real difference.</summary>
    private const decimal Noise = 0.000001m;

    /// <summary>Rounds <paramref name="value"/> down to a multiple of 0.1 (8.1 → 8.1, 6.25 → 6.2, 15.95 → 15.9, 8.1 − 1e-9 → 8.1); negatives become 0.</summary>
    public static decimal RoundDown(double value)
    {
        if (double.IsNaN(value) || value <= 0)
        {
            return 0m;
        }

        var tenths = decimal.Floor((decimal)value * 10m + Noise);
        return tenths / 10m;
    }
}
