namespace Scheduler.Protocols.History;

/// <summary>The formats <see cref="SessionHistoryReader"/> reads.</summary>
public enum SessionHistoryFormat
{
    /// <summary>Caltech ACN-Data JSON: <c>{"_meta":…,"_items":[…]}</c>, or a bare array of its items.</summary>
    AcnData,

    /// <summary>Our plain CSV, one session a line; see <see cref="SessionHistoryReader.ReadCsv"/>.</summary>
    Csv,
}
