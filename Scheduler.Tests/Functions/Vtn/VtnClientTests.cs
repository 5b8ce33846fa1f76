using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Functions.Vtn;
using Scheduler.Tests.Functions.Fakes;

namespace Scheduler.Tests.Functions.Vtn;

public sealed class VtnClientTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 29, 6, 0, 0, TimeSpan.Zero));
    private FakeVtnServer _vtn = null!;
    private ServiceProvider _provider = null!;

    private IVtnClient Client => _provider.GetRequiredService<IVtnClient>();

    public async Task InitializeAsync()
    {
        _vtn = await FakeVtnServer.StartAsync();
        _vtn.AddClient("ven-1", "s3cret:&=");
        _provider = HttpClientsForTests.Build(new Dictionary<string, string?> { ["Vtn:BaseDelay"] = "00:00:00" }, _time);
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _vtn.DisposeAsync();
    }

    [Fact]
    public async Task GetEventsAsync_120Events_ReadsThreePagesInOrder()
    {
        _vtn.SetEvents(Events(120));

        var events = await Client.GetEventsAsync(ClientCredentialsSource(), default);

        Assert.Equal(Events(120), events);
        Assert.Equal(["?skip=0&limit=50", "?skip=50&limit=50", "?skip=100&limit=50"], _vtn.EventQueries);
    }

    [Fact]
    public async Task GetEventsAsync_Exactly50Events_ReadsAnEmptySecondPage()
    {
        _vtn.SetEvents(Events(50));

        var events = await Client.GetEventsAsync(ClientCredentialsSource(), default);

        Assert.Equal(50, events.Count);
        Assert.Equal(2, _vtn.EventQueries.Count);
    }

    [Fact]
    public async Task GetEventsAsync_ProgramAndTargets_SentAsFilters()
    {
        _vtn.SetEvents(Events(3, programId: "p-1").Concat(Events(2, programId: "p-2")));
        var source = ClientCredentialsSource() with { ProgramId = "p-2", TargetType = "RESOURCE_NAME", TargetValues = ["site a", "cp-01"] };

        var events = await Client.GetEventsAsync(source, default);

        Assert.Equal(2, events.Count);
        Assert.Equal("?programID=p-2&targetType=RESOURCE_NAME&targetValues=site%20a&targetValues=cp-01&skip=0&limit=50", Assert.Single(_vtn.EventQueries));
    }

    [Fact]
    public async Task GetEventsAsync_StaticBearerToken_Accepted()
    {
        _vtn.AddStaticToken("static-1");
        _vtn.SetEvents(Events(1));

        var events = await Client.GetEventsAsync(new VtnSource(_vtn.BaseUrl, new VtnBearerToken("static-1")), default);

        Assert.Single(events);
        Assert.Equal(0, _vtn.TokenRequests);
    }

    [Fact]
    public async Task GetEventsAsync_TwoPollsWithinTheTokenLifetime_OneTokenRequest()
    {
        _vtn.SetEvents(Events(1));
        await Client.GetEventsAsync(ClientCredentialsSource(), default);
        _time.Advance(TimeSpan.FromMinutes(30));

        await Client.GetEventsAsync(ClientCredentialsSource(), default);

        Assert.Equal(1, _vtn.TokenRequests);
    }

    [Fact]
    public async Task GetEventsAsync_TokenWithinItsRefreshMargin_FetchesANewOne()
    {
        _vtn.TokenExpiresInSeconds = 300;
        _vtn.SetEvents(Events(1));
        await Client.GetEventsAsync(ClientCredentialsSource(), default);
        _time.Advance(TimeSpan.FromSeconds(241)); // 300 s less the 60 s margin, and one more

        await Client.GetEventsAsync(ClientCredentialsSource(), default);

        Assert.Equal(2, _vtn.TokenRequests);
    }

    [Fact]
    public async Task GetEventsAsync_TokenRevoked_RefreshedOnceOn401()
    {
        _vtn.SetEvents(Events(1));
        await Client.GetEventsAsync(ClientCredentialsSource(), default);
        _vtn.RevokeTokens();

        var events = await Client.GetEventsAsync(ClientCredentialsSource(), default);

        Assert.Single(events);
        Assert.Equal(2, _vtn.TokenRequests);
    }

    [Fact]
    public async Task GetEventsAsync_StaticTokenRevoked_ThrowsAccessDenied()
    {
        _vtn.AddStaticToken("static-1");
        _vtn.RevokeTokens();

        var error = await Assert.ThrowsAsync<VtnAccessDeniedException>(
            () => Client.GetEventsAsync(new VtnSource(_vtn.BaseUrl, new VtnBearerToken("static-1")), default));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
    }

    [Fact]
    public async Task GetEventsAsync_Forbidden_ThrowsAccessDeniedNamingThe403()
    {
        _vtn.DenyEvents = true;

        var error = await Assert.ThrowsAsync<VtnAccessDeniedException>(() => Client.GetEventsAsync(ClientCredentialsSource(), default));

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetEventsAsync_WrongClientSecret_ThrowsAccessDenied()
    {
        var source = new VtnSource(_vtn.BaseUrl, new VtnClientCredentials(_vtn.TokenUrl, "ven-1", "wrong"));

        var error = await Assert.ThrowsAsync<VtnAccessDeniedException>(() => Client.GetEventsAsync(source, default));

        Assert.Contains("ven-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetEventsAsync_ObjectInsteadOfArray_ThrowsInvalidData()
    {
        _vtn.SetEventsBody("""{"id":"e-1"}""");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Client.GetEventsAsync(ClientCredentialsSource(), default));

        Assert.Contains("expected an array", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VtnClientCredentials_ToString_MasksTheSecret()
    {
        var credentials = new VtnClientCredentials(new Uri("https://vtn.example.com/token"), "ven-1", "s3cret");

        Assert.DoesNotContain("s3cret", credentials.ToString(), StringComparison.Ordinal);
    }

    private VtnSource ClientCredentialsSource() => new(_vtn.BaseUrl, new VtnClientCredentials(_vtn.TokenUrl, "ven-1", "s3cret:&="));

    private static List<string> Events(int count, string programId = "p-1") =>
        Enumerable.Range(0, count)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $$"""{"id":"{{programId}}-e-{{i}}","programID":"{{programId}}","intervals":[]}"""))
            .ToList();
}
