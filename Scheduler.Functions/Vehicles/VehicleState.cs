using NodaTime;

namespace Scheduler.Functions.Vehicles;

/// <summary>What a vehicle reported of its charging.</summary>
/// <param name="StateOfChargePercent">Its battery level, 0 to 100 %.</param>
/// <param name="PluggedIn">Whether a cable is connected.</param>
/// <param name="Charging">Whether it is charging (or about to start).</param>
/// <param name="RequestedCurrentA">The current it was last asked to draw, in A.</param>
/// <param name="EnergyAddedKwh">The energy added in the present charging session, in kWh.</param>
/// <param name="PowerKw">The power it draws, in kW.</param>
/// <param name="ChargeLimitPercent">The state of charge it stops at, in %.</param>
/// <param name="ReadAt">When it was read.</param>
public sealed record VehicleState(
    double StateOfChargePercent, bool PluggedIn, bool Charging, double RequestedCurrentA, double EnergyAddedKwh, double PowerKw, double ChargeLimitPercent, Instant ReadAt);
