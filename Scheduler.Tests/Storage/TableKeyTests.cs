using System.Text;
using Azure.Data.Tables;
using CsCheck;
using NodaTime;
using Scheduler.Functions.Storage;

namespace Scheduler.Tests.Storage;

[Collection("Azurite")]
public sealed class TableKeyTests(AzuriteFixture azurite)
{
    /// <summary>What Table Storage forbids in keys (RELIABILITY 79), and the separator of composed keys.</summary>
    private static readonly char[] MustNotAppear =
    [
        '/', '\\', '#', '?', '|',
        .. Enumerable.Range(0x00, 0x20).Select(c => (char)c),
        .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c),
    ];

    /// <summary>Every character the encoding escapes: those above and the escape character itself.</summary>
    private static readonly char[] Escaped = [.. MustNotAppear, '%'];

    /// <summary>Code points of every kind, forbidden ones often: ASCII, C1 controls, the rest of the BMP, and beyond it (surrogate pairs).</summary>
    private static readonly Gen<string> Ids =
        Gen.Frequency(
                (3, Gen.Int[0x00, 0x7F]),
                (2, Gen.OneOfConst(Escaped.Select(c => (int)c).ToArray())),
                (1, Gen.Int[0x80, 0xFF]),
                (1, Gen.Int[0x100, 0xD7FF]),
                (1, Gen.Int[0xE000, 0xFFFF]),
                (2, Gen.Int[0x10000, 0x10FFFF]))
            .Array[1, 40]
            .Select(codePoints => string.Concat(codePoints.Select(c => new Rune(c).ToString())));

    public static TheoryData<char> EscapedCharacters => [.. Escaped];

    [Theory]
    [MemberData(nameof(EscapedCharacters))]
    public void Encode_EscapedCharacter_LeavesNoForbiddenCharacterAndRoundTrips(char c)
    {
        var id = $"CP{c}01";

        var key = TableKey.Encode(id);

        Assert.True(key.IndexOfAny(MustNotAppear) < 0, $"'{key}' still holds U+{(int)c:X4}.");
        Assert.Equal(id, TableKey.Decode(key));
    }

    [Theory]
    [InlineData("CP/01", "CP%2F01")]
    [InlineData("a#b?c\\d", "a%23b%3Fc%5Cd")]
    [InlineData("100%", "100%25")]
    [InlineData("site|1", "site%7C1")]
    [InlineData("tab\there", "tab%09here")]
    [InlineData("nel\u0085", "nel%C2%85")]
    public void Encode_Example_GivesReadableKey(string id, string expected)
    {
        Assert.Equal(expected, TableKey.Encode(id));
    }

    [Theory]
    [InlineData("CP01")]
    [InlineData("driver-42")]
    [InlineData("ada.lovelace+ev@example.com")]
    [InlineData("Zürich Ost 🚗")]
    [InlineData("a' or PartitionKey ne '")]
    public void Encode_OrdinaryId_IsUnchanged(string id)
    {
        Assert.Equal(id, TableKey.Encode(id));
    }

    [Fact]
    public void Encode_AnyWellFormedString_RoundTripsWithoutForbiddenCharacters()
    {
        Ids.Sample(id =>
        {
            var key = TableKey.Encode(id);
            return key.IndexOfAny(MustNotAppear) < 0 && TableKey.Decode(key) == id;
        }, iter: 2000);
    }

    [Fact]
    public void Encode_Empty_Throws()
    {
        Assert.Throws<ArgumentException>(() => TableKey.Encode(""));
    }

    [Fact]
    public void Encode_LoneSurrogate_Throws()
    {
        Assert.Throws<ArgumentException>(() => TableKey.Encode("CP\uD83D01"));
    }

    [Fact]
    public void Encode_1024Characters_IsAccepted()
    {
        Assert.Equal(1024, TableKey.Encode(new string('a', 1024)).Length);
    }

    [Theory]
    [InlineData(1025, 'a')]
    [InlineData(342, '/')]
    public void Encode_KeyOver1024Characters_Throws(int length, char c)
    {
        Assert.Throws<ArgumentException>(() => TableKey.Encode(new string(c, length)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("CP/01")]
    [InlineData("CP%2f01")]
    [InlineData("%41")]
    [InlineData("100%")]
    [InlineData("100%2")]
    [InlineData("%ZZ")]
    [InlineData("%C2")]
    [InlineData("%FF")]
    [InlineData("a|b")]
    public void Decode_KeyEncodeCannotWrite_Throws(string key)
    {
        Assert.Throws<FormatException>(() => TableKey.Decode(key));
    }

    [Fact]
    public void Compose_Parts_SplitGivesThemBack()
    {
        string[] parts = ["site/1", "CP|01", "100%", "plain"];

        var key = TableKey.Compose(parts);

        Assert.Equal("site%2F1|CP%7C01|100%25|plain", key);
        Assert.Equal(parts, TableKey.Split(key));
    }

    [Fact]
    public void Compose_AnyParts_SplitGivesThemBack()
    {
        Ids.Array[1, 5].Sample(parts => TableKey.Split(TableKey.Compose(parts)).SequenceEqual(parts), iter: 1000);
    }

    [Fact]
    public void Compose_NoParts_Throws()
    {
        Assert.Throws<ArgumentException>(() => TableKey.Compose());
    }

    [Fact]
    public void Compose_EmptyPart_Throws()
    {
        Assert.Throws<ArgumentException>(() => TableKey.Compose("site", ""));
    }

    [Fact]
    public void InvertedTicks_LaterInstant_SortsFirst()
    {
        var earlier = Instant.FromUtc(2025, 3, 30, 0, 59, 59);
        var later = earlier + Duration.FromTicks(1);

        Assert.True(string.CompareOrdinal(TableKey.InvertedTicks(later), TableKey.InvertedTicks(earlier)) < 0);
    }

    [Fact]
    public void InvertedTicks_ManyInstants_OrdinalOrderIsNewestFirst()
    {
        Gen.Long[NodaConstants.BclEpoch.ToUnixTimeTicks(), Instant.MaxValue.ToUnixTimeTicks()].Array[2, 20].Sample(ticks =>
        {
            var instants = ticks.Select(Instant.FromUnixTimeTicks).ToArray();
            var byKey = instants.OrderBy(TableKey.InvertedTicks, StringComparer.Ordinal);
            return byKey.SequenceEqual(instants.OrderByDescending(i => i));
        });
    }

    [Fact]
    public void InvertedTicks_Extremes_Are19Digits()
    {
        Assert.Equal("3155378975999999999", TableKey.InvertedTicks(NodaConstants.BclEpoch));
        Assert.Equal("0000000000000000000", TableKey.InvertedTicks(Instant.MaxValue));
    }

    [Fact]
    public void InvertedTicks_BeforeYear1_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TableKey.InvertedTicks(NodaConstants.BclEpoch - Duration.FromTicks(1)));
    }

    [Fact]
    public async Task Encode_ForbiddenCharactersInAzurite_StoreAndQuerySafely()
    {
        var table = azurite.CreateTableService().GetTableClient(azurite.UniqueName("keys"));
        await table.CreateAsync();
        var partition = TableKey.Encode("CP/01#a?b\\c");
        await table.AddEntityAsync(new TableEntity(partition, TableKey.Encode("driver/7")));
        await table.AddEntityAsync(new TableEntity("other", "row"));
        const string Injection = "a' or PartitionKey ne '";

        var found = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")).ToListAsync();
        var injected = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Encode(Injection)}")).ToListAsync();
        var concatenated = await table.QueryAsync<TableEntity>($"PartitionKey eq '{Injection}'").ToListAsync();

        var entity = Assert.Single(found);
        Assert.Equal("CP/01#a?b\\c", TableKey.Decode(entity.PartitionKey));
        Assert.Equal("driver/7", TableKey.Decode(entity.RowKey));
        Assert.Empty(injected);
        Assert.Equal(2, concatenated.Count); // what the parameterised filter prevents
    }
}
