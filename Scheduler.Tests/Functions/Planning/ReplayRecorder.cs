using Scheduler.Cli.Simulation;
using Scheduler.Optimizer.Plans;
using Scheduler.Protocols.Planning;

namespace Scheduler.Tests.Functions.Planning;

/// <summary>One re-plan of the replay's scheduler: when, what it planned, and what the meters showed then.</summary>
/// <param name="Minute">The replay's minute.</param>
/// <param name="Request">The problem planned, with its decisions.</param>
/// <param name="Plan">The plan made of it; null where it had no session to plan.</param>
/// <param name="DeliveredKwh">Per replay session, the energy taken by the start of the minute, in kWh.</param>
/// <param name="PowerW">Per replay session, the power drawn over the minute before, in W.</param>
internal sealed record ReplayStep(int Minute, PlanningRequest Request, Plan? Plan, double[] DeliveredKwh, double[] PowerW);

/// <summary>The replay's scheduler, run as it is, with each of its re-plans written down.</summary>
internal sealed class ReplayRecorder : IReplayStrategy
{
    private readonly RollingSchedulerStrategy _scheduler;
    private double[] _before = [];

    public ReplayRecorder(ReplayGrid grid) => _scheduler = new RollingSchedulerStrategy(grid);

    /// <summary>The re-plans, in time order.</summary>
    public List<ReplayStep> Steps { get; } = [];

    public string Name => _scheduler.Name;

    public bool ClippedBySite => _scheduler.ClippedBySite;

    public void BeginMinute(int minute, ReplayMeter meter)
    {
        var seen = _scheduler.LastRequest;
        _scheduler.BeginMinute(minute, meter);
        if (_before.Length == 0)
        {
            _before = new double[meter.DeliveredKwh.Length];
        }

        if (_scheduler.LastRequest is { } request && !ReferenceEquals(seen, request))
        {
            var power = meter.DeliveredKwh.Select((kwh, s) => (kwh - _before[s]) * 60 * 1000).ToArray();
            Steps.Add(new ReplayStep(minute, request, _scheduler.LastPlan, [.. meter.DeliveredKwh], power));
        }

        Array.Copy(meter.DeliveredKwh, _before, _before.Length);
    }

    public double DesiredCurrentA(int session, int minute) => _scheduler.DesiredCurrentA(session, minute);
}
