namespace Scheduler.Tests.Storage;

/// <summary>The tests that share one <see cref="AzuriteFixture"/>; mark a class <c>[Collection("Azurite")]</c> to join.</summary>
[CollectionDefinition("Azurite")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
}
