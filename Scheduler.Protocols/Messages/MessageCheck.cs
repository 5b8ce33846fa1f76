using System.Globalization;

namespace Scheduler.Protocols.Messages;

/// <summary>Argument checks for the message records' constructors, the same bounds the schemas set; a failed check names the parameter.</summary>
internal static class MessageCheck
{
    /// <summary>The longest id: 128 characters.</summary>
    public const int MaxIdLength = 128;

    public static string Id(string value, string paramName) => Text(value, MaxIdLength, paramName);

    public static string? OptionalId(string? value, string paramName) => value is null ? null : Id(value, paramName);

    public static string Text(string value, int maxLength, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (value.Length is 0 || value.Length > maxLength)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"must be 1 to {maxLength} characters"), paramName);
        }

        return value;
    }

    public static double InRange(double value, double min, double max, string paramName)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(paramName, value, string.Create(CultureInfo.InvariantCulture, $"must be a finite number from {min} to {max}"));
        }

        return value;
    }
}
