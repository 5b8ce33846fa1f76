using System.Text.Json.Nodes;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Storage;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Infrastructure;

/// <summary>
/// infra/: every template builds and lints without a warning, and the compiled ARM JSON has the security
/// properties the deployment promises (no shared keys, TLS 1.2, HTTPS, RBAC, purge protection, the identity's roles).
/// </summary>
public sealed class InfrastructureTests
{
    public static TheoryData<string> Templates() => new(TemplateFiles());

    /// <summary>Every .bicep file below infra/, relative to it.</summary>
    private static List<string> TemplateFiles() =>
        [.. Directory.GetFiles(BicepCli.InfraFolder, "*.bicep", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(BicepCli.InfraFolder, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    [Fact]
    public void Templates_IncludeMainAndItsModules()
    {
        var templates = TemplateFiles();

        Assert.Contains("main.bicep", templates);
        Assert.Contains("modules/functionapp.bicep", templates);
        Assert.Contains("modules/roles.bicep", templates);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Build_EachTemplate_SucceedsWithoutWarnings(string template)
    {
        var result = BicepCli.Run(BicepCli.InfraFolder, "build", template, "--stdout");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal("", result.StandardError.Trim());
        Assert.NotNull(JsonNode.Parse(result.StandardOutput));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Lint_EachTemplate_ReportsNothing(string template)
    {
        var result = BicepCli.Run(BicepCli.InfraFolder, "lint", template);

        Assert.True(result.ExitCode == 0, result.StandardError + result.StandardOutput);
        Assert.Equal("", (result.StandardError + result.StandardOutput).Trim());
    }

    [Fact]
    public void BicepConfig_RaisesLinterRulesToErrors_AndTurnsNoneOff()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(BicepCli.InfraFolder, "bicepconfig.json")))!;
        var core = config["analyzers"]!["core"]!;
        var levels = core["rules"]!.AsObject().Select(rule => (string?)rule.Value!["level"]).ToList();

        Assert.NotEqual(false, (bool?)core["enabled"]);
        Assert.NotEmpty(levels);
        Assert.All(levels, level => Assert.Equal("error", level));
    }

    [Fact]
    public void StorageAccounts_AllowNoSharedKeyNoPlainHttpNoOldTlsAndNoPublicBlobs()
    {
        var accounts = ArmTemplate.Main.OfType("Microsoft.Storage/storageAccounts");

        Assert.NotEmpty(accounts);
        Assert.All(accounts, account =>
        {
            var properties = account["properties"]!;
            Assert.False((bool)properties["allowSharedKeyAccess"]!);
            Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
            Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
            Assert.False((bool)properties["allowBlobPublicAccess"]!);
        });
    }

    [Fact]
    public void Template_NeverReadsAKey()
    {
        var text = ArmTemplate.Main.Text;

        Assert.DoesNotContain("listKeys", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listAccountSas", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listServiceSas", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listSecrets", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey=", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void FunctionApp_RunsDotnetIsolated10OnFlexConsumptionLinux()
    {
        var plan = ArmTemplate.Main.Single("Microsoft.Web/serverfarms");
        var app = ArmTemplate.Main.Single("Microsoft.Web/sites");
        var runtime = app["properties"]!["functionAppConfig"]!["runtime"]!;

        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.True((bool)plan["properties"]!["reserved"]!);
        Assert.Equal("functionapp,linux", (string?)app["kind"]);
        Assert.Equal("dotnet-isolated", (string?)runtime["name"]);
        Assert.Equal("10.0", (string?)runtime["version"]);
    }

    [Fact]
    public void FunctionApp_IsHttpsOnlyWithTls12AndNoFtpOrBasicPublishing()
    {
        var app = ArmTemplate.Main.Single("Microsoft.Web/sites");
        var policies = ArmTemplate.Main.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        Assert.True((bool)app["properties"]!["httpsOnly"]!);
        Assert.Equal("1.2", (string?)app["properties"]!["siteConfig"]!["minTlsVersion"]);
        Assert.Equal("Disabled", (string?)app["properties"]!["siteConfig"]!["ftpsState"]);
        Assert.Equal(2, policies.Count);
        Assert.All(policies, policy => Assert.False((bool)policy["properties"]!["allow"]!));
    }

    [Fact]
    public void FunctionApp_RunsAsTheUserAssignedIdentity_ForPackageAndKeyVaultReferences()
    {
        var properties = ArmTemplate.Main.Single("Microsoft.Web/sites")["properties"]!;
        var storage = properties["functionAppConfig"]!["deployment"]!["storage"]!;

        Assert.Equal("blobContainer", (string?)storage["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)storage["authentication"]!["type"]);
        Assert.Equal("[parameters('identityId')]", (string?)storage["authentication"]!["userAssignedIdentityResourceId"]);
        Assert.Equal("[parameters('identityId')]", (string?)properties["keyVaultReferenceIdentity"]);
        Assert.Equal("UserAssigned", (string?)ArmTemplate.Main.Single("Microsoft.Web/sites")["identity"]!["type"]);
    }

    [Theory]
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Microsoft.Storage/storageAccounts")]   // Storage Blob Data Owner
    [InlineData("974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Microsoft.Storage/storageAccounts")]   // Storage Queue Data Contributor
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Microsoft.Storage/storageAccounts")]   // Storage Table Data Contributor
    [InlineData("4633458b-17de-408a-b874-0445c86b69e6", "Microsoft.KeyVault/vaults")]           // Key Vault Secrets User
    [InlineData("3913510d-42f4-4e42-8a64-420c390055eb", "Microsoft.Insights/components")]       // Monitoring Metrics Publisher
    public void Identity_HasEachRoleItNeeds_OnTheRightResource(string roleDefinitionId, string scopeType)
    {
        var assignment = Assert.Single(
            ArmTemplate.Main.OfType("Microsoft.Authorization/roleAssignments"),
            a => ((string?)a["properties"]!["roleDefinitionId"])!.Contains(roleDefinitionId, StringComparison.OrdinalIgnoreCase));

        Assert.Contains($"resourceId('{scopeType}'", (string?)assignment["scope"], StringComparison.Ordinal);
        Assert.Equal("ServicePrincipal", (string?)assignment["properties"]!["principalType"]);
        Assert.Contains("userAssignedIdentities", (string?)assignment["properties"]!["principalId"], StringComparison.Ordinal);
        Assert.Null(assignment["condition"]);
    }

    [Fact]
    public void KeyVault_UsesRbacWithSoftDeleteAndPurgeProtection()
    {
        var properties = ArmTemplate.Main.Single("Microsoft.KeyVault/vaults")["properties"]!;

        Assert.True((bool)properties["enableRbacAuthorization"]!);
        Assert.True((bool)properties["enableSoftDelete"]!);
        Assert.True((bool)properties["enablePurgeProtection"]!);
        Assert.Null(properties["accessPolicies"]);
    }

    [Fact]
    public void ApplicationInsights_AcceptsOnlyEntraIdAuthenticatedTelemetry()
    {
        var component = ArmTemplate.Main.Single("Microsoft.Insights/components");

        Assert.True((bool)component["properties"]!["DisableLocalAuth"]!);
        Assert.NotNull(component["properties"]!["WorkspaceResourceId"]);
    }

    [Fact]
    public void Storage_CreatesEveryQueueOfTheAppAndItsPoisonQueue()
    {
        var snapshot = AppSettingsTests.Snapshot;
        var queues = snapshot.OfType("Microsoft.Storage/storageAccounts/queueServices/queues")
            .Select(q => ((string)q["name"]!).Split('/')[^1]).Order(StringComparer.Ordinal);
        var expected = QueueNames.All.SelectMany(q => new[] { q, QueueNames.PoisonOf(q) }).Order(StringComparer.Ordinal);

        Assert.Equal(expected, queues);
    }

    [Fact]
    public void Storage_CreatesEveryBlobContainerOfTheAppBesideTheDeploymentOne()
    {
        var containers = AppSettingsTests.Snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices/containers")
            .Select(c => ((string)c["name"]!).Split('/')[^1])
            .Where(c => c != "app-package")
            .Order(StringComparer.Ordinal);

        Assert.Equal(BlobContainerNames.All.Order(StringComparer.Ordinal), containers);
    }

    [Fact]
    public void Storage_CreatesEveryTableOfTheApp()
    {
        var tables = AppSettingsTests.Snapshot.OfType("Microsoft.Storage/storageAccounts/tableServices/tables")
            .Select(t => ((string)t["name"]!).Split('/')[^1]).Order(StringComparer.Ordinal);

        Assert.Equal(TableNames.All.Order(StringComparer.Ordinal), tables);
    }

    [Fact]
    public void AzureYaml_DeploysTheFunctionsProjectAsTheSchedulerService()
    {
        var root = AzuriteInstall.RepositoryRoot();
        var lines = File.ReadAllLines(Path.Combine(root, "azure.yaml")).Select(l => l.Trim()).ToList();

        Assert.Contains("scheduler:", lines);
        Assert.Contains("project: ./Scheduler.Functions", lines);
        Assert.Contains("language: dotnet", lines);
        Assert.Contains("host: function", lines);
        Assert.Contains("path: infra", lines);
        Assert.True(File.Exists(Path.Combine(root, "Scheduler.Functions", "Scheduler.Functions.csproj")));
        Assert.Contains("'azd-service-name': azdServiceName", File.ReadAllText(Path.Combine(BicepCli.InfraFolder, "modules", "functionapp.bicep")), StringComparison.Ordinal);
    }
}
