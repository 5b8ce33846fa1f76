using System.Text;

namespace Scheduler.Functions.Vtn;

/// <summary>
/// OAuth2 client credentials (OpenADR 3 Definition, Security): tokens come from <see cref="TokenUrl"/>, are cached until
/// shortly before they expire, and are refreshed once when the VTN answers 401.
/// </summary>
public sealed record VtnClientCredentials : VtnAuth
{
    /// <summary>Client credentials; the id and the secret must not be empty.</summary>
    public VtnClientCredentials(Uri tokenUrl, string clientId, string clientSecret, string? scope = null)
    {
        if (!tokenUrl.IsAbsoluteUri)
        {
            throw new ArgumentException($"The token URL must be absolute, not '{tokenUrl}'.", nameof(tokenUrl));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientSecret);
        TokenUrl = tokenUrl;
        ClientId = clientId;
        ClientSecret = clientSecret;
        Scope = scope;
    }

    /// <summary>The token endpoint, POSTed a <c>grant_type=client_credentials</c> form.</summary>
    public Uri TokenUrl { get; }

    /// <summary>Our client id at the VTN's authorization server.</summary>
    public string ClientId { get; }

    /// <summary>Our client secret; sent with HTTP Basic authentication, never logged, left out of <see cref="ToString"/>.</summary>
    public string ClientSecret { get; }

    /// <summary>The scope to ask for; <see langword="null"/> asks for the default.</summary>
    public string? Scope { get; }

    /// <summary>Prints the members for <see cref="ToString"/>, with the secret masked.</summary>
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("TokenUrl = ").Append(TokenUrl)
            .Append(", ClientId = ").Append(ClientId)
            .Append(", Scope = ").Append(Scope)
            .Append(", ClientSecret = ***");
        return true;
    }
}
