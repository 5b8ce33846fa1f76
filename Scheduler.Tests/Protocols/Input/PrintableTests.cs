using Scheduler.Protocols.Input;

namespace Scheduler.Tests.Protocols.Input;

public sealed class PrintableTests
{
    [Theory]
    [InlineData("s\u0000", "s\\u0000")]
    [InlineData("\u0007bell", "\\u0007bell")]
    [InlineData("\u001b[31mred", "\\u001B[31mred")]
    [InlineData("a\u202Eb", "a\\u202Eb")]
    [InlineData("line\nbreak", "line\\u000Abreak")]
    [InlineData("cp-01 ⚡ 😀", "cp-01 ⚡ 😀")]
    public void Escape_HiddenCharacters_AreWrittenAsCodes(string text, string expected)
    {
        Assert.Equal(expected, Printable.Escape(text));
    }

    [Fact]
    public void Escape_UnpairedSurrogate_IsWrittenAsItsCode()
    {
        // Built here: a test attribute cannot carry a lone surrogate intact.
        var lone = "lone" + (char)0xD800;

        Assert.Equal("lone\\uD800", Printable.Escape(lone));
        Assert.Equal("holds an unpaired surrogate U+D800 at character 5, expected printable text", Printable.IdProblem(lone));
    }

    [Fact]
    public void Quote_LongValue_IsCutAfterSixtyCharacters()
    {
        var quoted = Printable.Quote(new string('x', 1_000_000));

        Assert.Equal("\"" + new string('x', Printable.MaxQuoted) + "…\"", quoted);
    }

    [Theory]
    [InlineData("s\u001b[31m", "holds the control character U+001B at character 2, expected printable text")]
    [InlineData("evil\u202Egnp.exe", "holds the formatting character U+202E at character 5, expected printable text")]
    public void IdProblem_HiddenCharacter_NamesItAndWhere(string id, string expected)
    {
        Assert.Equal(expected, Printable.IdProblem(id));
    }

    [Theory]
    [InlineData("cp-01")]
    [InlineData("CP/01 #2")]
    [InlineData("Ladepunkt Süd 😀")]
    public void IdProblem_PrintableText_IsNone(string id)
    {
        Assert.Null(Printable.IdProblem(id));
    }
}
