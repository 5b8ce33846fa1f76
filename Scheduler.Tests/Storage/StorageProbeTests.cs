using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Scheduler.Tests.Storage;

[Collection("Azurite")]
public sealed class StorageProbeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Check_StringOver32KCharacters_RefusedAsAzureWould()
    {
        var (table, _) = await TableAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            table.UpsertEntityAsync(new TableEntity("p", "r") { ["Text"] = new string('x', 33_000) }));

        Assert.Equal("PropertyValueTooLarge", error.ErrorCode);
    }

    [Fact]
    public async Task Check_BinaryOf64KiB_Accepted()
    {
        var (table, _) = await TableAsync();

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["Data"] = new byte[64 * 1024] });

        Assert.NotNull((await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetBinary("Data"));
    }

    [Fact]
    public async Task Check_EntityOverOneMebibyte_Refused()
    {
        var (table, _) = await TableAsync();
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 20; i++)
        {
            entity[$"Part{i}"] = new byte[60 * 1024];
        }

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(entity));

        Assert.Equal("EntityTooLarge", error.ErrorCode);
    }

    [Fact]
    public async Task Check_TransactionAcrossPartitions_Refused()
    {
        var (table, _) = await TableAsync();
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.UpsertReplace, new TableEntity("a", "1")),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("b", "1")),
        ];

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.SubmitTransactionAsync(actions));

        Assert.Equal("CommandsInBatchActOnDifferentPartitions", error.ErrorCode);
    }

    [Fact]
    public async Task Check_TransactionOf101Operations_Refused()
    {
        var (table, _) = await TableAsync();
        var actions = Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("a", $"{i}"))).ToList();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.SubmitTransactionAsync(actions));

        Assert.Equal("InvalidInput", error.ErrorCode);
    }

    [Fact]
    public async Task Fail_NextMatchingCall_FailsOnceThenPasses()
    {
        var (table, probe) = await TableAsync();
        probe.Fail(c => c.Method == "PUT", 503, "ServerBusy");

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpsertEntityAsync(new TableEntity("p", "r"), TableUpdateMode.Replace));
        await table.UpsertEntityAsync(new TableEntity("p", "r"), TableUpdateMode.Replace);

        Assert.Equal(503, error.Status);
        Assert.Equal(2, probe.Calls.Count(c => c.Method == "PUT"));
    }

    [Fact]
    public async Task Pause_MatchingCall_HeldUntilOpened()
    {
        var (table, probe) = await TableAsync();
        var gate = probe.Pause(c => c.Method == "PUT");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var write = table.UpsertEntityAsync(new TableEntity("p", "r") { ["V"] = 1 }, TableUpdateMode.Replace);
        await gate.Reached.WaitAsync(timeout.Token);
        var heldBeforeOpen = !write.IsCompleted;
        gate.Open();
        await write;

        Assert.True(heldBeforeOpen);
        Assert.Equal(1, (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetInt32("V"));
    }

    [Fact]
    public async Task Calls_QueueSend_RecordedWithScope()
    {
        var probe = new StorageProbe();
        var queues = new QueueServiceClient(azurite.ConnectionString, Options(new QueueClientOptions(), probe.For("queue")));
        var queue = queues.GetQueueClient(azurite.UniqueName("probe"));
        await queue.CreateAsync();

        using (StorageProbe.Scope("site-7"))
        {
            await queue.SendMessageAsync("hello");
        }

        var send = Assert.Single(probe.Calls, c => c.IsSend);
        Assert.Equal("site-7", send.Scope);
        Assert.Single(probe.Calls, c => c.IsCreate);
    }

    private async Task<(TableClient Table, StorageProbe Probe)> TableAsync()
    {
        var probe = new StorageProbe();
        var service = new TableServiceClient(azurite.ConnectionString, Options(new TableClientOptions(), probe.For("table")));
        var table = service.GetTableClient(azurite.UniqueName("probe"));
        await table.CreateAsync();
        return (table, probe);
    }

    private static T Options<T>(T options, HttpPipelinePolicy policy)
        where T : ClientOptions
    {
        options.AddPolicy(policy, HttpPipelinePosition.PerCall);
        return options;
    }
}
