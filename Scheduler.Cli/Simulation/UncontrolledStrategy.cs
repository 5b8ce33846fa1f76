namespace Scheduler.Cli.Simulation;

/// <summary>Every vehicle draws all it can from the moment it plugs in; the site's limits cut it back.</summary>
internal sealed class UncontrolledStrategy(ReplayGrid grid) : IReplayStrategy
{
    public string Name => "uncontrolled";

    public bool ClippedBySite => true;

    public void BeginMinute(int minute, ReplayMeter meter)
    {
    }

    public double DesiredCurrentA(int session, int minute) => grid.Input.Site.Chargers[grid.Sessions[session].Charger].MaxCurrentA;
}
