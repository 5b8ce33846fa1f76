namespace Scheduler.Protocols.JsonSupport;

/// <summary>One thing <see cref="JsonInput"/> refuses in a document, where it is and of which kind.</summary>
/// <param name="Path">The JSON path, <c>$</c> for the whole document (a syntax error names its line and byte in the message).</param>
/// <param name="Message">What was found and what was expected.</param>
/// <param name="Kind">What kind of problem it is, for readers that give each kind a code.</param>
internal sealed record JsonProblem(string Path, string Message, JsonProblemKind Kind);

/// <summary>The kinds of <see cref="JsonProblem"/>.</summary>
internal enum JsonProblemKind
{
    /// <summary>More text than a document may hold.</summary>
    TooLarge,

    /// <summary>Not Unicode text: an unpaired surrogate, raw or escaped.</summary>
    NotUnicode,

    /// <summary>Not JSON (including nesting deeper than allowed).</summary>
    Syntax,

    /// <summary>An object holds a property twice.</summary>
    DuplicateProperty,

    /// <summary>A number beyond the range of a decimal.</summary>
    NumberOutOfRange,

    /// <summary>A string with a control character where only printable text belongs.</summary>
    NotPrintable,
}
