using System.Text;
using Scheduler.Protocols.Input;

namespace Scheduler.Tests.Protocols.Input;

public sealed class Utf8TextTests
{
    [Fact]
    public void Decode_InvalidByte_IsRefusedAtItsOffsetNotReplaced()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"id\": \"dep").Concat(new byte[] { 0xFF, 0xFE }).Concat(Encoding.UTF8.GetBytes("1\"}")).ToArray();

        var text = Utf8Text.Decode(bytes, out var problem);

        Assert.Null(text);
        Assert.Equal("is not UTF-8: an invalid byte sequence at byte offset 11, expected UTF-8 text", problem);
    }

    [Fact]
    public void Decode_ByteOrderMark_IsDroppedAndOffsetsCountIt()
    {
        var bytes = Encoding.UTF8.Preamble.ToArray().Concat(new byte[] { (byte)'a', 0xC3 }).ToArray();

        Assert.Equal("ab", Utf8Text.Decode(Encoding.UTF8.Preamble.ToArray().Concat("ab"u8.ToArray()).ToArray(), out _));
        Assert.Null(Utf8Text.Decode(bytes, out var problem));
        Assert.Contains("byte offset 4", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void SizeProblem_OneByteOverTheLimit_NamesBothSizes()
    {
        Assert.Null(Utf8Text.SizeProblem(InputLimits.MaxInputBytes));
        Assert.Equal("is 67,108,865 bytes, more than the 67,108,864 bytes (64 MiB) an input may hold", Utf8Text.SizeProblem(InputLimits.MaxInputBytes + 1L));
    }

    [Fact]
    public void Read_StreamWithoutLengthPastTheLimit_StopsReadingAtTheLimit()
    {
        using var endless = new EndlessStream();

        var text = Utf8Text.Read(endless, out var problem);

        Assert.Null(text);
        Assert.Contains("or more, more than the 67,108,864 bytes", problem, StringComparison.Ordinal);
        Assert.InRange(endless.Served, InputLimits.MaxInputBytes, InputLimits.MaxInputBytes + 100_000L);
    }

    [Fact]
    public void FirstUnpairedSurrogate_LoneHighAndLow_AreFoundPairsAreNot()
    {
        Assert.Null(Utf8Text.FirstUnpairedSurrogate("a😀b"));
        Assert.Equal(1, Utf8Text.FirstUnpairedSurrogate("a\ud800b"));
        Assert.Equal(0, Utf8Text.FirstUnpairedSurrogate("\udc00"));
    }

    /// <summary>A stream that cannot seek and never ends: zeros, as a device or a pipe might give.</summary>
    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Clear(buffer, offset, count);
            Served += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
