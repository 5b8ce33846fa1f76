using Scheduler.Protocols.OpenAdr;

namespace Scheduler.Tests.Protocols.OpenAdr;

public sealed class SimpleLevelReaderTests
{
    [Fact]
    public void Read_LevelsToKilowatts_ReadsEachLevel()
    {
        var (limits, errors) = SimpleLevelReader.Read("""{"1": 40, "2": 20.5, "3": 0}""");

        Assert.Empty(errors);
        Assert.Equal(new Dictionary<int, double> { [1] = 40, [2] = 20.5, [3] = 0 }, limits);
    }

    [Theory]
    [InlineData("{\"1\": 4", "$", "not valid JSON at line 1, byte 8 of the line: ")]
    [InlineData("{\"7\": 40}", "$['7']", "is not a SIMPLE level: expected \"0\", \"1\", \"2\" or \"3\"")]
    [InlineData("{\"1\": -5}", "$['1']", "found -5, expected a limit in kW, zero or above")]
    [InlineData("{\"1\": \"40\"}", "$['1']", "found \"40\", expected a limit in kW, zero or above")]
    [InlineData("{\"1\": 40, \"1\": 20}", "$['1']", "the property appears more than once in its object, expected it once")]
    [InlineData("[40]", "$", "found an array, expected an object")]
    public void Read_BadLevels_NamesThePlace(string json, string path, string message)
    {
        var (limits, errors) = SimpleLevelReader.Read(json);

        Assert.Null(limits);
        var error = Assert.Single(errors);
        Assert.Equal(path, error.Path);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }
}
