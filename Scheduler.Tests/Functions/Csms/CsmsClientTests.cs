using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Scheduler.Functions.Configuration;
using Scheduler.Functions.Csms;
using Scheduler.Protocols.Ocpp;
using Scheduler.Tests.Functions.Fakes;

namespace Scheduler.Tests.Functions.Csms;

public sealed class CsmsClientTests : IAsyncLifetime
{
    // No backoff, so that retries cost no time. The attempt timeouts stay long: a slow CI machine must not turn into retries.
    private static readonly Dictionary<string, string?> FastSettings = new() { ["Csms:BaseDelay"] = "00:00:00" };

    private FakeCsmsServer _csms = null!;
    private ServiceProvider _provider = null!;

    private ICsmsClient Client => _provider.GetRequiredService<ICsmsClient>();

    public async Task InitializeAsync()
    {
        _csms = await FakeCsmsServer.StartAsync();
        _provider = HttpClientsForTests.Build(FastSettings);
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _csms.DisposeAsync();
    }

    [Fact]
    public async Task SendChargingProfileAsync_StationAccepts_AcceptedInOneAttempt()
    {
        var outcome = await Client.SendChargingProfileAsync(Target(OcppVersion.V201), "cp-01", HttpClientsForTests.V201Payload, default);

        Assert.Equal(new CsmsOutcome(CsmsOutcomeKind.Accepted, null, 200, 1), outcome);
        var request = Assert.Single(_csms.Requests);
        Assert.Equal(("2.0.1", "cp-01", true), (request.VersionText, request.StationId, request.IsValid));
    }

    [Fact]
    public async Task SendChargingProfileAsync_V16Target_PostsTheBodyToTheV16Route()
    {
        var outcome = await Client.SendChargingProfileAsync(Target(OcppVersion.V16), "cp-01", HttpClientsForTests.V16Payload, default);

        Assert.Equal(CsmsOutcomeKind.Accepted, outcome.Kind);
        var request = Assert.Single(_csms.Requests);
        Assert.Equal((OcppVersion.V16, true), (request.Version, request.IsValid));
        Assert.Equal(HttpClientsForTests.V16Payload.GetRawText(), request.Body);
    }

    [Fact]
    public async Task SendChargingProfileAsync_StationRejects_RejectedWithReasonAndNotRetried()
    {
        _csms.Answer("cp-01", FakeCsmsBehaviour.Rejected("InvalidSchedule", "stack level too high"));

        var outcome = await Client.SendChargingProfileAsync(Target(OcppVersion.V201), "cp-01", HttpClientsForTests.V201Payload, default);

        Assert.Equal(new CsmsOutcome(CsmsOutcomeKind.Rejected, "InvalidSchedule: stack level too high", 200, 1), outcome);
    }

    [Fact]
    public async Task SendChargingProfileAsync_StationWithoutSmartCharging_NotSupported()
    {
        _csms.Answer("cp-01", FakeCsmsBehaviour.NotSupported);

        var outcome = await Client.SendChargingProfileAsync(Target(OcppVersion.V201), "cp-01", HttpClientsForTests.V201Payload, default);

        Assert.Equal((CsmsOutcomeKind.NotSupported, 1), (outcome.Kind, outcome.Attempts));
        Assert.StartsWith("NotSupported", outcome.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, null, CsmsOutcomeKind.Accepted, null)]
    [InlineData(false, "Charging station cp-01 is not connected", CsmsOutcomeKind.Rejected, "Charging station cp-01 is not connected")]
    public async Task SendChargingProfileAsync_CitrineOsResultList_ReadAsOutcome(bool success, string? payload, CsmsOutcomeKind kind, string? reason)
    {
        _csms.Answer("cp-01", FakeCsmsBehaviour.CitrineOs(success, payload));

        var outcome = await Client.SendChargingProfileAsync(Target(OcppVersion.V201), "cp-01", HttpClientsForTests.V201Payload, default);

        Assert.Equal((kind, reason), (outcome.Kind, outcome.Reason));
    }

    [Fact]
    public async Task SendChargingProfileAsync_ServerFailsTwice_AcceptedOnTheThirdAttempt()
    {
        _csms.FailNext("cp-01", 2);

        var outcome = await Client.SendChargingProfileAsync(Target(OcppVersion.V201), "cp-01", HttpClientsForTests.V201Payload, default);

        Assert.Equal(new CsmsOutcome(CsmsOutcomeKind.Accepted, null, 200, 3), outcome);
        Assert.Equal(3, _csms.Requests.Count);
    }

    [Fact]
    public async Task SendChargingProfileAsync_ServerKeepsFailing_FailedAfterThreeAttempts()
    {
        _csms.FailNext("cp-01", 10, httpStatus: 503);

        var outcome = await Client.SendChargingProfileAsync(Target(OcppVersion.V201), "cp-01", HttpClientsForTests.V201Payload, default);

        Assert.Equal(new CsmsOutcome(CsmsOutcomeKind.Failed, "HTTP 503", 503, 3), outcome);
    }

    [Fact]
    public async Task SendChargingProfileAsync_TooManyRequests_RetriedThenAccepted()
    {
        _csms.FailNext("cp-01", 1, httpStatus: 429);

        var outcome = await Client.SendChargingProfileAsync(Target(OcppVersion.V201), "cp-01", HttpClientsForTests.V201Payload, default);

        Assert.Equal((CsmsOutcomeKind.Accepted, 2), (outcome.Kind, outcome.Attempts));
    }

    [Fact]
    public async Task SendChargingProfileAsync_StationHangs_FailedByTheAttemptTimeout()
    {
        // A hung station never answers, so short attempts end the same way on any machine.
        await using var provider = HttpClientsForTests.Build(new Dictionary<string, string?>
        {
            ["Csms:BaseDelay"] = "00:00:00",
            ["Csms:AttemptTimeout"] = "00:00:00.200",
            ["Csms:TotalTimeout"] = "00:00:30",
        });
        _csms.Answer("cp-01", FakeCsmsBehaviour.Hang);

        var outcome = await provider.GetRequiredService<ICsmsClient>().SendChargingProfileAsync(Target(OcppVersion.V201), "cp-01", HttpClientsForTests.V201Payload, default);

        Assert.Equal(new CsmsOutcome(CsmsOutcomeKind.Failed, "timed out", null, 3), outcome);
        Assert.Equal(3, _csms.Requests.Count);
    }

    [Fact]
    public async Task SendChargingProfileAsync_HungStationReleased_Accepted()
    {
        await using var provider = HttpClientsForTests.Build(new Dictionary<string, string?> { ["Csms:AttemptTimeout"] = "00:00:30", ["Csms:TotalTimeout"] = "00:01:00" });
        _csms.Answer("cp-01", FakeCsmsBehaviour.Hang);

        var sending = provider.GetRequiredService<ICsmsClient>().SendChargingProfileAsync(Target(OcppVersion.V201), "cp-01", HttpClientsForTests.V201Payload, default);
        await _csms.WaitForRequestsAsync(1);
        _csms.ReleaseHung("cp-01");
        var outcome = await sending;

        Assert.Equal(new CsmsOutcome(CsmsOutcomeKind.Accepted, null, 200, 1), outcome);
    }

    [Fact]
    public async Task SendChargingProfileAsync_RepeatedFailures_CircuitOpensForThatStationAndFailsWithoutSending()
    {
        await using var provider = HttpClientsForTests.Build(new Dictionary<string, string?>
        {
            ["Csms:BaseDelay"] = "00:00:00",
            ["Csms:Attempts"] = "1",
            ["Csms:BreakerMinimumThroughput"] = "2",
            ["Csms:BreakerFailureRatio"] = "0.5",
        });
        var client = provider.GetRequiredService<ICsmsClient>();
        _csms.FailNext("cp-01", 100);
        await client.SendChargingProfileAsync(Target(OcppVersion.V201), "cp-01", HttpClientsForTests.V201Payload, default);
        await client.SendChargingProfileAsync(Target(OcppVersion.V201), "cp-01", HttpClientsForTests.V201Payload, default);

        var outcome = await client.SendChargingProfileAsync(Target(OcppVersion.V201), "cp-01", HttpClientsForTests.V201Payload, default);

        Assert.Equal(new CsmsOutcome(CsmsOutcomeKind.Failed, "circuit open", null, 0), outcome);
        Assert.Equal(2, _csms.Requests.Count);
    }

    [Fact]
    public async Task SendChargingProfileAsync_OneStationAlwaysFails_ItsNeighboursAtTheSameCsmsStillServed()
    {
        await using var provider = HttpClientsForTests.Build(new Dictionary<string, string?>
        {
            ["Csms:BaseDelay"] = "00:00:00",
            ["Csms:Attempts"] = "1",
            ["Csms:BreakerMinimumThroughput"] = "2",
        });
        var client = provider.GetRequiredService<ICsmsClient>();
        _csms.FailNext("cp-01", 100);
        for (var i = 0; i < 5; i++)
        {
            await client.SendChargingProfileAsync(Target(OcppVersion.V201), "cp-01", HttpClientsForTests.V201Payload, default);
        }

        var outcome = await client.SendChargingProfileAsync(Target(OcppVersion.V201), "cp-02", HttpClientsForTests.V201Payload, default);

        Assert.Equal(CsmsOutcomeKind.Accepted, outcome.Kind);
    }

    [Fact]
    public async Task SendChargingProfileAsync_WithdrawnBeforeTheRetry_NotSentAgain()
    {
        var asked = 0;
        _csms.FailNext("cp-01", 1, 500);

        var outcome = await Client.SendChargingProfileAsync(
            Target(OcppVersion.V201), "cp-01", HttpClientsForTests.V201Payload, _ => ValueTask.FromResult(Interlocked.Increment(ref asked) == 1), default);

        Assert.Equal(CsmsOutcomeKind.Withdrawn, outcome.Kind);
        Assert.Equal(2, asked);
        Assert.Single(_csms.Requests);
    }

    [Fact]
    public async Task SendChargingProfileAsync_CircuitOpenForOneHost_OtherHostStillServed()
    {
        await using var other = await FakeCsmsServer.StartAsync();
        await using var provider = HttpClientsForTests.Build(new Dictionary<string, string?>
        {
            ["Csms:BaseDelay"] = "00:00:00",
            ["Csms:Attempts"] = "1",
            ["Csms:BreakerMinimumThroughput"] = "2",
        });
        var client = provider.GetRequiredService<ICsmsClient>();
        _csms.FailNext("cp-01", 100);
        await client.SendChargingProfileAsync(Target(OcppVersion.V201), "cp-01", HttpClientsForTests.V201Payload, default);
        await client.SendChargingProfileAsync(Target(OcppVersion.V201), "cp-01", HttpClientsForTests.V201Payload, default);

        var outcome = await client.SendChargingProfileAsync(new CsmsTarget(other.BaseUrl, OcppVersion.V201), "cp-01", HttpClientsForTests.V201Payload, default);

        Assert.Equal(CsmsOutcomeKind.Accepted, outcome.Kind);
    }

    [Fact]
    public async Task SendChargingProfileAsync_AuthorizationAndTenant_ReachTheServer()
    {
        var target = new CsmsTarget(_csms.BaseUrl, OcppVersion.V201, authorizationHeader: "Basic c2NoZWR1bGVyOnMzY3JldA==", tenantId: "t 1");

        await Client.SendChargingProfileAsync(target, "cp-01", HttpClientsForTests.V201Payload, default);

        var request = Assert.Single(_csms.Requests);
        Assert.Equal(("Basic c2NoZWR1bGVyOnMzY3JldA==", "t 1"), (request.Authorization, request.TenantId));
    }

    [Fact]
    public async Task SendChargingProfileAsync_StationIdNeedingEscapes_ServerSeesTheSameId()
    {
        const string stationId = "CP/01 #2?x=1&y=é";

        var outcome = await Client.SendChargingProfileAsync(Target(OcppVersion.V201), stationId, HttpClientsForTests.V201Payload, default);

        Assert.Equal(CsmsOutcomeKind.Accepted, outcome.Kind);
        Assert.Equal(stationId, Assert.Single(_csms.Requests).StationId);
    }

    [Fact]
    public async Task SendChargingProfileAsync_SchemaInvalidPayload_RejectedWith400AndNotRetried()
    {
        // A 2.0.1 payload sent as 1.6: the 1.6 schema knows neither evseId nor chargingProfile.
        var outcome = await Client.SendChargingProfileAsync(Target(OcppVersion.V16), "cp-01", HttpClientsForTests.V201Payload, default);

        Assert.Equal((CsmsOutcomeKind.Rejected, 400, 1), (outcome.Kind, outcome.HttpStatus, outcome.Attempts));
        var request = Assert.Single(_csms.Requests);
        Assert.False(request.IsValid);
        Assert.NotEmpty(request.Violations);
    }

    [Fact]
    public async Task SendChargingProfileAsync_NothingListening_FailedAfterThreeAttempts()
    {
        var gone = await FakeCsmsServer.StartAsync();
        var target = new CsmsTarget(gone.BaseUrl, OcppVersion.V201);
        await gone.DisposeAsync();

        var outcome = await Client.SendChargingProfileAsync(target, "cp-01", HttpClientsForTests.V201Payload, default);

        Assert.Equal((CsmsOutcomeKind.Failed, null, 3), (outcome.Kind, outcome.HttpStatus, outcome.Attempts));
        Assert.StartsWith("no connection", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendChargingProfileAsync_CallerCancels_Throws()
    {
        _csms.Answer("cp-01", FakeCsmsBehaviour.Hang);
        using var cancel = new CancellationTokenSource();
        await using var provider = HttpClientsForTests.Build(new Dictionary<string, string?> { ["Csms:AttemptTimeout"] = "00:00:30", ["Csms:TotalTimeout"] = "00:01:00" });

        var sending = provider.GetRequiredService<ICsmsClient>().SendChargingProfileAsync(Target(OcppVersion.V201), "cp-01", HttpClientsForTests.V201Payload, cancel.Token);
        await _csms.WaitForRequestsAsync(1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
    }

    [Fact]
    public void CsmsTarget_CredentialsOverPlainHttpOffLoopback_Throws()
    {
        var create = () => new CsmsTarget(new Uri("http://csms.example.com/"), OcppVersion.V16, authorizationHeader: "Basic eDp5");

        var error = Assert.Throws<ArgumentException>(create);
        Assert.Contains("without TLS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CsmsTarget_ToString_MasksTheAuthorizationHeader()
    {
        var target = new CsmsTarget(new Uri("https://csms.example.com/"), OcppVersion.V201, authorizationHeader: "Bearer secret-token");

        var text = target.ToString();

        Assert.DoesNotContain("secret-token", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CsmsTarget_BaseUrlWithPath_KeepsThePathAndAddsTheTenant()
    {
        var target = new CsmsTarget(new Uri("https://csms.example.com/api"), OcppVersion.V16, tenantId: "7");

        var uri = target.RequestUri("cp 1");

        Assert.Equal("https://csms.example.com/api/ocpp/1.6/smartcharging/setChargingProfile?identifier=cp%201&tenantId=7", uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("Csms:Attempts", "0")]
    [InlineData("Csms:AttemptTimeout", "00:01:00")]
    [InlineData("Vtn:PageSize", "51")]
    [InlineData("TariffFeeds:MaxResponseBytes", "0")]
    public async Task AddSchedulerHttpClients_InvalidOption_HostFailsToStart(string key, string value)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.Services.AddSchedulerHttpClients(builder.Configuration);
        using var host = builder.Build();

        var error = await Record.ExceptionAsync(() => host.StartAsync());

        // One failure is thrown as it is; several (our options, and the resilience options built from them) come aggregated.
        var failures = error is AggregateException many ? many.InnerExceptions : [error!];
        Assert.All(failures, e => Assert.IsType<OptionsValidationException>(e));
        Assert.Contains(key.Split(':')[1], failures[0].Message, StringComparison.Ordinal);
    }

    private CsmsTarget Target(OcppVersion version) => new(_csms.BaseUrl, version);
}
