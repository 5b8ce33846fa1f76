using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Infrastructure;

/// <summary>
/// The function app's settings as a deployment of infra/main.bicep would set them (a <c>bicep snapshot</c>): the
/// identity-based storage connection, the schedules from the parameters, and secrets only as Key Vault references.
/// </summary>
public sealed partial class AppSettingsTests
{
    private static readonly string[] SecretNames = ["CsmsDepot1Authorization", "VtnDepot1Token", "VtnDepot1ClientSecret", "EntsoeHeaders"];

    private static readonly Lazy<BicepSnapshot> TestSnapshot = new(() => BicepSnapshot.Take(new Dictionary<string, string>
    {
        ["namePrefix"] = "'sched-test'",
        ["authClientId"] = "'0f3c1a52-7d4e-4b8a-9c61-2e5f8a9b7c10'",
        ["planAllSitesSchedule"] = "'0 */10 * * * *'",
        ["pullTariffsSchedule"] = "'0 7 * * * *'",
        ["pollGridSignalsSchedule"] = "'30 */2 * * * *'",
        ["secretNames"] = "[" + string.Join(", ", SecretNames.Select(n => $"'{n}'")) + "]",
    }));

    /// <summary>The snapshot these tests read, taken once: custom schedules and four secret settings.</summary>
    internal static BicepSnapshot Snapshot => TestSnapshot.Value;

    private static IReadOnlyDictionary<string, string> Settings => Snapshot.AppSettings();

    [Fact]
    public void Storage_UsesTheUserAssignedIdentity_AndNoConnectionString()
    {
        var accountName = (string)Snapshot.Single("Microsoft.Storage/storageAccounts")["name"]!;

        Assert.DoesNotContain("AzureWebJobsStorage", Settings.Keys);
        Assert.Equal(accountName, Settings["AzureWebJobsStorage__accountName"]);
        Assert.Equal("managedidentity", Settings["AzureWebJobsStorage__credential"]);
        Assert.Matches(@"^\[reference\('[^']*/userAssignedIdentities/[^']+', '[^']+'\)\.clientId\]$", Settings["AzureWebJobsStorage__clientId"]);
    }

    [Fact]
    public void ApplicationInsights_AuthenticatesWithTheIdentity()
    {
        Assert.Matches(
            @"^\[format\('ClientId=\{0\};Authorization=AAD', reference\('[^']*/userAssignedIdentities/[^']+', '[^']+'\)\.clientId\)\]$",
            Settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Matches(@"/providers/Microsoft\.Insights/components/[^']+', '[^']+'\)\.ConnectionString\]$", Settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.DoesNotContain("APPINSIGHTS_INSTRUMENTATIONKEY", Settings.Keys);
    }

    [Fact]
    public void Schedules_ComeFromTheParameters()
    {
        Assert.Equal("0 */10 * * * *", Settings["PlanAllSitesSchedule"]);
        Assert.Equal("0 7 * * * *", Settings["PullTariffsSchedule"]);
        Assert.Equal("30 */2 * * * *", Settings["PollGridSignalsSchedule"]);
    }

    [Theory]
    [InlineData("planAllSitesSchedule", "0 */15 * * * *")]
    [InlineData("pullTariffsSchedule", "0 5 * * * *")]
    [InlineData("pollGridSignalsSchedule", "0 */1 * * * *")]
    [InlineData("solverTimeLimit", "00:02:00")]
    public void Parameters_DefaultToTheReadmeValues(string parameter, string expected)
    {
        Assert.Equal(expected, (string?)ArmTemplate.Main.Root["parameters"]![parameter]!["defaultValue"]);
    }

    [Fact]
    public void PlanningAndQueueSettings_MatchTheAppAndHostJson()
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(AzuriteInstall.RepositoryRoot(), "host.json")))!;
        var maxDequeueCount = (int)hostJson["extensions"]!["queues"]!["maxDequeueCount"]!;

        Assert.Equal("00:02:00", Settings["Planning__SolverTimeLimit"]);
        Assert.Equal(maxDequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture), Settings["Queues__MaxDequeueCount"]);
    }

    [Fact]
    public void SecretNames_BecomeKeyVaultReferences_ToTheDeployedVault()
    {
        var vault = (string)Snapshot.Single("Microsoft.KeyVault/vaults")["name"]!;

        // The vault's DNS suffix depends on the cloud, so the snapshot leaves environment() to the deployment.
        Assert.All(SecretNames, name => Assert.Equal(
            $"[format('@Microsoft.KeyVault(SecretUri={{0}}secrets/{{1}})', format('https://{{0}}{{1}}/', '{vault}', environment().suffixes.keyvaultDns), '{name}')]",
            Settings[name]));
    }

    [Fact]
    public void Settings_HoldNoKeyOrSecret()
    {
        string[] forbidden = ["AccountKey=", "SharedAccessSignature", "sig=", "DefaultEndpointsProtocol", "InstrumentationKey=", "Password=", "pwd="];

        Assert.All(Settings, setting =>
            Assert.DoesNotContain(forbidden, f => setting.Value.Contains(f, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void Settings_WithSecretLikeNames_AreKeyVaultReferences()
    {
        var secretLike = Settings.Where(s => SecretLikeName().IsMatch(s.Key)).ToList();

        Assert.Equal(SecretNames.Length, secretLike.Count);
        Assert.All(secretLike, setting => Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri={0}secrets/", setting.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void Settings_LeaveOutWhatFlexConsumptionSetsItself()
    {
        // Flex Consumption takes the runtime from functionAppConfig and refuses these as app settings.
        string[] refused = ["FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTSHARE"];

        Assert.All(refused, name => Assert.DoesNotContain(name, Settings.Keys));
    }

    [Fact]
    public void Outputs_NameWhatTheReadmesNextStepsUse()
    {
        string[] expected = ["AZURE_FUNCTION_APP_NAME", "AZURE_STORAGE_ACCOUNT_NAME", "AZURE_STORAGE_QUEUE_ENDPOINT", "AZURE_KEY_VAULT_NAME", "AZURE_KEY_VAULT_URI", "AZURE_IDENTITY_CLIENT_ID", "AZURE_RESOURCE_GROUP"];

        Assert.Equal(expected.Order(StringComparer.Ordinal), Snapshot.Outputs.Select(o => o.Key).Order(StringComparer.Ordinal));
        Assert.Equal(BicepSnapshot.ResourceGroup, (string?)Snapshot.Outputs["AZURE_RESOURCE_GROUP"]);
    }

    [Fact]
    public void OperatorRoles_AreLeftOut_WhenNoOperatorIsGiven()
    {
        var roles = Snapshot.OfType("Microsoft.Authorization/roleAssignments");

        Assert.Equal(5, roles.Count);
        Assert.All(roles, role => Assert.Equal("ServicePrincipal", (string?)role["properties"]!["principalType"]));
    }

    [GeneratedRegex("Password|Secret|Token|Authorization|ApiKey|AccessKey|Sas|Headers|ConnectionString$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLikeName();
}
