using System.Text.Json.Nodes;

namespace Scheduler.Tests.Infrastructure;

/// <summary>App Service Authentication as infra/ turns it on: Entra ID with the app registration's client id, the app deciding access.</summary>
public sealed class AuthSettingsTests
{
    private static JsonObject Auth => (JsonObject)AppSettingsTests.Snapshot.OfType("Microsoft.Web/sites/config")
        .Single(r => ((string)r["name"]!).EndsWith("/authsettingsV2", StringComparison.Ordinal))["properties"]!;

    [Fact]
    public void AuthSettings_EnableEntraIdWithTheClientIdParameter()
    {
        var entra = Auth["identityProviders"]!["azureActiveDirectory"]!;

        Assert.True((bool)Auth["platform"]!["enabled"]!);
        Assert.True((bool)entra["enabled"]!);
        Assert.Equal("0f3c1a52-7d4e-4b8a-9c61-2e5f8a9b7c10", (string)entra["registration"]!["clientId"]!);
        Assert.Contains("tenant().tenantId", (string)entra["registration"]!["openIdIssuer"]!, StringComparison.Ordinal);
        Assert.Contains("api://0f3c1a52-7d4e-4b8a-9c61-2e5f8a9b7c10", entra["validation"]!["allowedAudiences"]!.AsArray().Select(a => (string)a!));
    }

    [Fact]
    public void AuthSettings_LetAnonymousCallsThrough_SoThatTheAppAnswers401AndServesItsOpenApiDocument()
    {
        Assert.Equal("AllowAnonymous", (string)Auth["globalValidation"]!["unauthenticatedClientAction"]!);
        Assert.True((bool)Auth["httpSettings"]!["requireHttps"]!);
    }
}
