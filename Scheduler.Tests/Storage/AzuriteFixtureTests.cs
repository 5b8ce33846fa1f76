using System.Text;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Scheduler.Tests.Storage;

[Collection("Azurite")]
public sealed class AzuriteFixtureTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CreateTableService_EntityAdded_ReadsBackIdentical()
    {
        var table = azurite.CreateTableService().GetTableClient(azurite.UniqueName("roundtrip"));
        await table.CreateAsync();
        var entity = new TableEntity("site1", "charger1") { ["MaxCurrentA"] = 32.5, ["Label"] = "Garage – north" };

        await table.AddEntityAsync(entity);
        var read = (await table.GetEntityAsync<TableEntity>("site1", "charger1")).Value;

        Assert.Equal(32.5, read.GetDouble("MaxCurrentA"));
        Assert.Equal("Garage – north", read.GetString("Label"));
    }

    [Fact]
    public async Task CreateQueueService_NonAsciiMessage_ReadsBackIdentical()
    {
        var queue = azurite.CreateQueueService().GetQueueClient(azurite.UniqueName("roundtrip"));
        await queue.CreateAsync();
        const string Text = "{\"site\":\"Zürich/Ost\",\"note\":\"€ 0,25 – 充電 🚗\"}";

        await queue.SendMessageAsync(Text);
        var received = (await queue.ReceiveMessageAsync()).Value;

        Assert.Equal(Text, received.MessageText);
    }

    [Fact]
    public async Task CreateQueueService_Message_IsStoredAsBase64ForTheQueueTrigger()
    {
        var name = azurite.UniqueName("base64");
        var queue = azurite.CreateQueueService().GetQueueClient(name);
        await queue.CreateAsync();
        const string Text = "Zürich 🚗";

        await queue.SendMessageAsync(Text);
        var raw = (await new QueueClient(azurite.ConnectionString, name).ReceiveMessageAsync()).Value;

        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(Text)), raw.MessageText);
    }

    [Fact]
    public async Task CreateQueueService_65KiBMessage_IsRefused()
    {
        var queue = azurite.CreateQueueService().GetQueueClient(azurite.UniqueName("toolarge"));
        await queue.CreateAsync();
        var text = new string('x', 65 * 1024);

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => queue.SendMessageAsync(text));

        // Azure answers the same (Azure/azure-sdk-for-net#32663).
        Assert.Equal(413, e.Status);
        Assert.Equal("RequestBodyTooLarge", e.ErrorCode);
    }

    [Fact]
    public async Task CreateQueueService_48KiBMessage_FitsOnceBase64Encoded()
    {
        var queue = azurite.CreateQueueService().GetQueueClient(azurite.UniqueName("largest"));
        await queue.CreateAsync();
        var text = new string('x', 48 * 1024);

        await queue.SendMessageAsync(text);
        var received = (await queue.ReceiveMessageAsync()).Value;

        Assert.Equal(text, received.MessageText);
    }

    [Fact]
    public void UniqueName_Prefix_IsAValidTableAndQueueName()
    {
        var names = Enumerable.Range(0, 100).Select(_ => azurite.UniqueName("PlanSite2")).ToList();

        Assert.All(names, n => Assert.Matches(new Regex("^[A-Za-z][A-Za-z0-9]{2,62}$"), n));
        Assert.All(names, n => Assert.Matches(new Regex("^[a-z0-9]{3,63}$"), n));
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1plan")]
    [InlineData("plan-site")]
    [InlineData("averyveryverylongprefix")]
    public void UniqueName_BadPrefix_Throws(string prefix)
    {
        Assert.Throws<ArgumentException>(() => azurite.UniqueName(prefix));
    }
}
