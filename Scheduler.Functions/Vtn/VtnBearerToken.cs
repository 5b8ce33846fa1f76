using System.Text;

namespace Scheduler.Functions.Vtn;

/// <summary>A static bearer token issued by the VTN operator. It cannot be refreshed: a 401 is final.</summary>
public sealed record VtnBearerToken : VtnAuth
{
    /// <summary>A bearer token; <paramref name="token"/> must not be empty.</summary>
    public VtnBearerToken(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        Token = token;
    }

    /// <summary>The token, sent as <c>Authorization: Bearer …</c>. Left out of <see cref="ToString"/>.</summary>
    public string Token { get; }

    /// <summary>Prints the members for <see cref="ToString"/>, with the secret masked.</summary>
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Token = ***");
        return true;
    }
}
