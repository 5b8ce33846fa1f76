namespace Scheduler.Optimizer.Model;

/// <summary>Argument checks for the model's constructors; a failed check names the parameter.</summary>
internal static class Check
{
    public static string Id(string value, string paramName)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("must be a non-empty id", paramName);
        }

        return value;
    }

    public static double Positive(double value, string paramName)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, "must be a finite number above zero");
        }

        return value;
    }

    public static double NonNegative(double value, string paramName)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, "must be a finite number, zero or above");
        }

        return value;
    }

    public static double Finite(double value, string paramName)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, "must be a finite number");
        }

        return value;
    }

    public static int Phases(int value, string paramName)
    {
        if (value is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(paramName, value, "must be 1 or 3");
        }

        return value;
    }

    public static void Ordered(NodaTime.Instant start, NodaTime.Instant end, string endParamName)
    {
        if (end <= start)
        {
            throw new ArgumentException("must be after the start", endParamName);
        }
    }
}
