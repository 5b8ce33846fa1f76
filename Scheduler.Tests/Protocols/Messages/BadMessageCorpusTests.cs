using NodaTime;
using Scheduler.Protocols.Input;
using Scheduler.Protocols.Messages;

namespace Scheduler.Tests.Protocols.Messages;

/// <summary>
/// Hostile and broken bodies of every queue message type, through its reader as a queue trigger would pass them:
/// each must come back as errors with a code and a JSON path, never an exception, whatever its size.
/// </summary>
public sealed class BadMessageCorpusTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 9, 12, 0);

    /// <summary>A valid body of each type, and its reader (as errors only).</summary>
    private static readonly Dictionary<string, (string Body, Func<string, IReadOnlyList<MessageError>> Read)> Types = new(StringComparer.Ordinal)
    {
        ["departure"] = (
            """{"type":"departure","version":1,"id":"m-1","siteId":"depot-1","sessionId":"s-1","departure":"2026-03-10T07:30:00+01:00","energyKwh":30}""",
            text => DepartureMessageReader.Read(text, Now).Errors),
        ["session-event"] = (
            """{"type":"session-event","version":1,"id":"m-1","siteId":"depot-1","event":"meterValues","chargerId":"cp-01","transactionId":"tx-8812","timestamp":"2026-03-09T13:15:00+01:00","meterWh":1234}""",
            text => SessionEventMessageReader.Read(text).Errors),
        ["grid-signal"] = (
            """{"type":"grid-signal","version":1,"id":"m-1","siteId":"depot-1","event":{"id":"evt-7","programID":"p","intervals":[{"id":0,"payloads":[]}]}}""",
            text => GridSignalMessageReader.Read(text).Errors),
        ["plan-request"] = (
            """{"type":"plan-request","version":1,"id":"m-1","siteId":"depot-1","requestedAt":"2026-03-09T12:00:00Z","reason":"departure"}""",
            text => PlanRequestMessageReader.Read(text).Errors),
        ["dispatch"] = (
            """{"type":"dispatch","version":1,"id":"m-1","siteId":"depot-1","planId":"plan-1","chargerId":"cp-01","sessionId":"s-1","purpose":"TxProfile"}""",
            text => DispatchMessageReader.Read(text).Errors),
        ["envelope"] = (
            """{"type":"departure","version":1,"id":"m-1"}""",
            text => MessageEnvelopeReader.Read(text).Errors),
    };

    /// <summary>Each hostile change of a valid body, with the code and path its error must carry.</summary>
    private static readonly Dictionary<string, (Func<string, string> Change, string Code, string Path)> Changes = new(StringComparer.Ordinal)
    {
        ["truncated"] = (b => b[..(b.Length / 2)], MessageErrorCodes.JsonMalformed, "$"),
        ["not JSON at all"] = (_ => "<xml/>", MessageErrorCodes.JsonMalformed, "$"),
        ["lone surrogate"] = (b => b.Replace("\"m-1\"", "\"m\\ud800\"", StringComparison.Ordinal), MessageErrorCodes.JsonMalformed, "$.id"),
        ["raw lone surrogate"] = (b => b.Replace("\"m-1\"", "\"m" + (char)0xDC00 + "\"", StringComparison.Ordinal), MessageErrorCodes.JsonMalformed, "$"),
        ["control character in the id"] = (b => b.Replace("\"m-1\"", "\"m\\u001b[31m\"", StringComparison.Ordinal), MessageErrorCodes.TextNotPrintable, "$.id"),
        ["id twice"] = (b => b.Replace("\"id\":\"m-1\"", "\"id\":\"m-1\",\"id\":\"m-2\"", StringComparison.Ordinal), MessageErrorCodes.JsonDuplicateProperty, "$.id"),
        ["version beyond a decimal"] = (b => b.Replace("\"version\":1", "\"version\":1e309", StringComparison.Ordinal), MessageErrorCodes.NumberOutOfRange, "$.version"),
        ["nested 10,000 deep"] = (b => b[..^1] + ",\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}", MessageErrorCodes.JsonMalformed, "$"),
        ["larger than a queue message"] = (b => b[..^1] + ",\"x\":\"" + new string('x', InputLimits.MaxMessageBytes) + "\"}", MessageErrorCodes.MessageTooLarge, "$"),
    };

    public static TheoryData<string, string> Cases
    {
        get
        {
            var cases = new TheoryData<string, string>();
            foreach (var type in Types.Keys)
            {
                foreach (var change in Changes.Keys)
                {
                    cases.Add(type, change);
                }
            }

            return cases;
        }
    }

    [Fact]
    public void Read_EveryValidBody_IsValid()
    {
        Assert.All(Types, t => Assert.Empty(t.Value.Read(t.Value.Body)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Read_HostileBody_IsAnErrorWithItsCodeAndPlace(string type, string change)
    {
        var (body, read) = Types[type];
        var (alter, code, path) = Changes[change];

        var errors = read(alter(body));

        var error = Assert.Single(errors);
        Assert.Equal((code, path), (error.Code, error.Path));
        Assert.DoesNotContain(error.Message, c => char.IsControl(c) || char.IsSurrogate(c));
    }
}
