using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Scheduler.Functions.PriceFeeds;
using Scheduler.Tests.Functions.Fakes;

namespace Scheduler.Tests.Functions.PriceFeeds;

public sealed class TariffFeedClientTests : IAsyncLifetime
{
    private static readonly Instant From = Instant.FromUtc(2026, 3, 28, 23, 0);
    private static readonly Instant To = Instant.FromUtc(2026, 3, 29, 22, 0);

    private readonly List<string> _seen = [];
    private int _failuresLeft;
    private WebApplication _feed = null!;
    private Uri _baseUrl = null!;
    private ServiceProvider _provider = null!;

    private ITariffFeedClient Client => _provider.GetRequiredService<ITariffFeedClient>();

    public async Task InitializeAsync()
    {
        (_feed, _baseUrl) = await LoopbackHost.StartAsync(app =>
        {
            app.MapGet("/prices", (HttpContext context) =>
            {
                lock (_seen)
                {
                    _seen.Add(context.Request.QueryString.Value + " key=" + context.Request.Headers["X-Api-Key"]);
                    if (_failuresLeft > 0)
                    {
                        _failuresLeft--;
                        return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                    }
                }

                return Results.Text("""{"prices":[]}""", "application/json");
            });
            app.MapGet("/large", () => Results.Text(new string('x', 2048)));
            app.MapGet("/chunked", async (HttpContext context) =>
            {
                // Written in pieces with no Content-Length, so that only counting the stream can catch it.
                for (var i = 0; i < 4; i++)
                {
                    await context.Response.WriteAsync(new string('x', 512));
                    await context.Response.Body.FlushAsync();
                }
            });
            app.MapGet("/missing", () => Results.NotFound());
        });
        _provider = HttpClientsForTests.Build(new Dictionary<string, string?> { ["TariffFeeds:BaseDelay"] = "00:00:00" });
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _feed.StopAsync();
        await _feed.DisposeAsync();
    }

    [Fact]
    public void ResolveUrl_Placeholders_FilledWithUtcInstantsAndDates()
    {
        var request = new TariffFeedRequest(new Uri("https://feed.example.com/day/{fromDate}/{toDate}?start={from}&end={to}"), From, To);

        var url = TariffFeedClient.ResolveUrl(request);

        Assert.Equal("https://feed.example.com/day/2026-03-28/2026-03-29?start=2026-03-28T23:00:00Z&end=2026-03-29T22:00:00Z", url.AbsoluteUri);
    }

    [Fact]
    public async Task FetchAsync_PlaceholdersAndApiKey_ReachTheFeed()
    {
        var request = new TariffFeedRequest(new Uri(_baseUrl, "prices?from={from}&date={fromDate}"), From, To, new Dictionary<string, string> { ["X-Api-Key"] = "k-1" });

        var body = await Client.FetchAsync(request, default);

        Assert.Equal("""{"prices":[]}""", body);
        Assert.Equal(["?from=2026-03-28T23:00:00Z&date=2026-03-28 key=k-1"], _seen);
    }

    [Fact]
    public async Task FetchAsync_FeedFailsTwice_RetriedAndReturned()
    {
        _failuresLeft = 2;

        var body = await Client.FetchAsync(new TariffFeedRequest(new Uri(_baseUrl, "prices"), From, To), default);

        Assert.Equal("""{"prices":[]}""", body);
        Assert.Equal(3, _seen.Count);
    }

    [Theory]
    [InlineData("large")]
    [InlineData("chunked")]
    public async Task FetchAsync_BodyOverTheCap_ThrowsInvalidData(string path)
    {
        var request = new TariffFeedRequest(new Uri(_baseUrl, path), From, To) { MaxResponseBytes = 1024 };

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Client.FetchAsync(request, default));

        Assert.Contains("1024 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_BodyOverTheConfiguredCap_ThrowsInvalidData()
    {
        await using var provider = HttpClientsForTests.Build(new Dictionary<string, string?> { ["TariffFeeds:MaxResponseBytes"] = "1000" });

        await Assert.ThrowsAsync<InvalidDataException>(
            () => provider.GetRequiredService<ITariffFeedClient>().FetchAsync(new TariffFeedRequest(new Uri(_baseUrl, "large"), From, To), default));
    }

    [Fact]
    public async Task FetchAsync_NotFound_ThrowsWithTheStatus()
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(
            () => Client.FetchAsync(new TariffFeedRequest(new Uri(_baseUrl, "missing"), From, To), default));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.StatusCode);
    }
}
