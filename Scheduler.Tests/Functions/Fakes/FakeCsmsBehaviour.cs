namespace Scheduler.Tests.Functions.Fakes;

/// <summary>How <see cref="FakeCsmsServer"/> answers a valid request for one station.</summary>
public abstract record FakeCsmsBehaviour
{
    private FakeCsmsBehaviour()
    {
    }

    /// <summary><c>{"status":"Accepted"}</c>, the default.</summary>
    public static FakeCsmsBehaviour Accepted { get; } = new AcceptedAnswer();

    /// <summary><c>{"errorCode":"NotSupported"}</c>: a station without smart charging.</summary>
    public static FakeCsmsBehaviour NotSupported { get; } = new NotSupportedAnswer();

    /// <summary>No answer until <see cref="FakeCsmsServer.ReleaseHung"/> (then Accepted) or until the client gives up.</summary>
    public static FakeCsmsBehaviour Hang { get; } = new HangAnswer();

    /// <summary><c>{"status":"Rejected","statusInfo":{"reasonCode":…,"additionalInfo":…}}</c>.</summary>
    public static FakeCsmsBehaviour Rejected(string reasonCode, string? additionalInfo = null) => new RejectedAnswer(reasonCode, additionalInfo);

    /// <summary>CitrineOS's list of results: <c>[{"success":…,"payload":…}]</c>.</summary>
    public static FakeCsmsBehaviour CitrineOs(bool success, string? payload = null) => new CitrineOsAnswer(success, payload);

    internal sealed record AcceptedAnswer : FakeCsmsBehaviour;

    internal sealed record NotSupportedAnswer : FakeCsmsBehaviour;

    internal sealed record HangAnswer : FakeCsmsBehaviour;

    internal sealed record RejectedAnswer(string ReasonCode, string? AdditionalInfo) : FakeCsmsBehaviour;

    internal sealed record CitrineOsAnswer(bool Success, string? Payload) : FakeCsmsBehaviour;
}
