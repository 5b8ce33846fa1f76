using Azure;
using Azure.Core;
using Scheduler.Functions.Storage;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Storage;

[Collection("Azurite")]
public sealed class StorageTablesTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task GetAsync_OneServerBusyOnCreation_RetriedAndTheTableIsThere()
    {
        var (tables, probe) = Create();
        var name = azurite.UniqueName("busy");
        probe.Fail(c => c.IsCreate, 503, "ServerBusy");

        var table = await tables.GetAsync(name);

        await table.UpsertEntityAsync(new Azure.Data.Tables.TableEntity("p", "r"));
        Assert.Equal(2, probe.Calls.Count(c => c.IsCreate));
    }

    [Fact]
    public async Task GetAsync_RoleNotYetAssignedOnEveryAttempt_FailureNotKeptAndTheNextCallerCreatesIt()
    {
        var (tables, probe) = Create();
        var name = azurite.UniqueName("forbidden");
        probe.Fail(c => c.IsCreate, 403, "AuthorizationPermissionMismatch", CreatedOnce<object>.Attempts);

        var first = await Assert.ThrowsAsync<RequestFailedException>(() => tables.GetAsync(name));
        var table = await tables.GetAsync(name);

        Assert.Equal(403, first.Status);
        await table.UpsertEntityAsync(new Azure.Data.Tables.TableEntity("p", "r"));
    }

    [Fact]
    public async Task GetAsync_FirstCallerCancelledWhileCreating_OthersStillGetTheTable()
    {
        var (tables, probe) = Create();
        var name = azurite.UniqueName("cancelled");
        var gate = probe.Pause(c => c.IsCreate);
        using var cancel = new CancellationTokenSource();

        var first = tables.GetAsync(name, cancel.Token);
        await gate.Reached;
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        var second = tables.GetAsync(name);
        gate.Open();
        var table = await second;

        await table.UpsertEntityAsync(new Azure.Data.Tables.TableEntity("p", "r"));
        Assert.Equal(1, probe.Calls.Count(c => c.IsCreate));
    }

    private (StorageTables Tables, StorageProbe Probe) Create()
    {
        var probe = new StorageProbe();
        var service = StorageConnection.FromConnectionString(azurite.ConnectionString)
            .CreateTableService(o => o.AddPolicy(probe.For("table"), HttpPipelinePosition.PerCall));
        return (new StorageTables(service), probe);
    }
}
