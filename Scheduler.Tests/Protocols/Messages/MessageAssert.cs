using Scheduler.Protocols.Messages;

namespace Scheduler.Tests.Protocols.Messages;

/// <summary>Assertions on message read results.</summary>
internal static class MessageAssert
{
    /// <summary>The result failed with exactly one error, of <paramref name="code"/> at <paramref name="path"/>.</summary>
    public static MessageError SingleError<T>(MessageReadResult<T> result, string code, string path)
        where T : class
    {
        Assert.False(result.IsValid);
        Assert.Null(result.Message);
        var error = Assert.Single(result.Errors);
        Assert.Equal((code, path), (error.Code, error.Path));
        return error;
    }

    /// <summary>The result is valid; otherwise its errors are shown.</summary>
    public static T Valid<T>(MessageReadResult<T> result)
        where T : class
    {
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Empty(result.Errors);
        return result.Message;
    }
}
