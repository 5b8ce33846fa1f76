namespace Scheduler.Functions.Vtn;

/// <summary>One OpenADR 3 VTN to poll for events, with the filters our VEN asks for.</summary>
public sealed record VtnSource
{
    /// <summary>A source; see the properties for the rules.</summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="baseUrl"/> is not absolute http(s), or a token would travel over plain HTTP to a host other than
    /// loopback (RELIABILITY case 94).
    /// </exception>
    public VtnSource(Uri baseUrl, VtnAuth auth)
    {
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The VTN base URL must be an absolute http(s) URL, not '{baseUrl}'.", nameof(baseUrl));
        }

        if (baseUrl.Scheme != Uri.UriSchemeHttps && !baseUrl.IsLoopback)
        {
            throw new ArgumentException($"A token for the VTN at {baseUrl.Host} would travel without TLS; use https.", nameof(baseUrl));
        }

        BaseUrl = baseUrl;
        Auth = auth;
    }

    /// <summary>The VTN's API root; events are read from <c>{BaseUrl}/events</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The static token or the client credentials.</summary>
    public VtnAuth Auth { get; }

    /// <summary>Only the events of this program (<c>programID=</c>); <see langword="null"/> for all.</summary>
    public string? ProgramId { get; init; }

    /// <summary>The target type to filter on (<c>targetType=</c>, e.g. <c>RESOURCE_NAME</c>); <see langword="null"/> for none.</summary>
    public string? TargetType { get; init; }

    /// <summary>The target values to filter on (one <c>targetValues=</c> each); used only with <see cref="TargetType"/>.</summary>
    public IReadOnlyList<string> TargetValues { get; init; } = [];
}
