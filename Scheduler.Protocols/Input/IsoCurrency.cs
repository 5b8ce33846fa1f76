namespace Scheduler.Protocols.Input;

/// <summary>
/// The ISO 4217 codes of the currencies in circulation (the list maintained by SIX, as of 2025, with the codes
/// replaced since 2023 kept for older data). Codes of metals, fund units, bond units and the test and "no currency"
/// codes are left out: nobody pays for electricity in them.
/// </summary>
public static class IsoCurrency
{
    private static readonly HashSet<string> Codes = new(StringComparer.Ordinal)
    {
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF",
        "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC",
        "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS",
        "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HRK", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK",
        "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD",
        "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN",
        "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON",
        "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL", "SOS", "SRD", "SSP", "STN",
        "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU",
        "UZS", "VED", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG", "ZWL",
    };

    /// <summary>True when <paramref name="code"/> is the ISO 4217 code of a currency in circulation, in capitals (e.g. <c>EUR</c>).</summary>
    public static bool IsKnown(string? code) => code is not null && Codes.Contains(code);

    /// <summary>
    /// What is expected instead of <paramref name="code"/>, e.g. <c>expected an ISO 4217 currency code such as EUR,
    /// USD or GBP</c>; null when it is a currency. The caller says what was found, in its own words.
    /// </summary>
    public static string? Expected(string? code) => IsKnown(code)
        ? null
        : code is { Length: 3 } && IsKnown(code.ToUpperInvariant())
            ? $"expected the ISO 4217 code in capitals, \"{code.ToUpperInvariant()}\""
            : "expected an ISO 4217 currency code such as EUR, USD or GBP";
}
