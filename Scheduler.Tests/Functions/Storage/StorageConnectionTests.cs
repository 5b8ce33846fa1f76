using Microsoft.Extensions.Configuration;
using Scheduler.Functions.Storage;

namespace Scheduler.Tests.Functions.Storage;

public sealed class StorageConnectionTests
{
    [Fact]
    public void FromConfiguration_ConnectionString_UsesTheKey()
    {
        var connection = StorageConnection.FromConfiguration(Settings(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.False(connection.UsesIdentity);
        Assert.Equal("devstoreaccount1", connection.CreateTableService().AccountName);
    }

    [Fact]
    public void FromConfiguration_AccountName_UsesTheManagedIdentityOnTheAccountsEndpoints()
    {
        var connection = StorageConnection.FromConfiguration(Settings(("AzureWebJobsStorage:accountName", "stscheduler"), ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001")));

        Assert.True(connection.UsesIdentity);
        Assert.Equal(new Uri("https://stscheduler.table.core.windows.net/"), connection.CreateTableService().Uri);
        Assert.Equal(new Uri("https://stscheduler.queue.core.windows.net/"), connection.CreateQueueService().Uri);
    }

    [Fact]
    public void FromConfiguration_Nothing_SaysWhichSettingsToSet()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageConnection.FromConfiguration(Settings()));

        Assert.Contains("AzureWebJobsStorage__accountName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_PlainHttpServiceUri_Refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageConnection.FromConfiguration(Settings(
            ("AzureWebJobsStorage:tableServiceUri", "http://st.table.core.windows.net"),
            ("AzureWebJobsStorage:queueServiceUri", "https://st.queue.core.windows.net"))));

        Assert.Contains("https", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
