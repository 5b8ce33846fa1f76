namespace Scheduler.Cli.Simulation;

/// <summary>A way of charging, replayed minute by minute.</summary>
internal interface IReplayStrategy
{
    /// <summary>The strategy's name in the result: scheduler, uncontrolled, greedy, offline.</summary>
    string Name { get; }

    /// <summary>Whether the site cuts its currents back where they would overload a limit (what fuses and load managers do to naive charging).</summary>
    bool ClippedBySite { get; }

    /// <summary>Called at the start of every minute, before <see cref="DesiredCurrentA"/>.</summary>
    void BeginMinute(int minute, ReplayMeter meter);

    /// <summary>The current the strategy wants session <paramref name="session"/> to draw in minute <paramref name="minute"/>, in A.</summary>
    double DesiredCurrentA(int session, int minute);
}
