namespace Scheduler.Functions.Vehicles;

/// <summary>
/// Controls a vehicle's charging through its maker's API. Every call answers with a <see cref="VehicleOutcome"/>,
/// never an exception for what the API or the vehicle said; each is safe to repeat.
/// </summary>
public interface IVehicleClient
{
    /// <summary>Starts charging.</summary>
    Task<VehicleOutcome> StartChargingAsync(VehicleAccount account, string vehicleId, CancellationToken cancellationToken = default);

    /// <summary>Stops charging.</summary>
    Task<VehicleOutcome> StopChargingAsync(VehicleAccount account, string vehicleId, CancellationToken cancellationToken = default);

    /// <summary>Sets the current the vehicle draws, in whole amps per phase.</summary>
    Task<VehicleOutcome> SetChargingCurrentAsync(VehicleAccount account, string vehicleId, int currentA, CancellationToken cancellationToken = default);

    /// <summary>Sets the state of charge the vehicle stops at, in whole percent.</summary>
    Task<VehicleOutcome> SetChargeLimitAsync(VehicleAccount account, string vehicleId, int percent, CancellationToken cancellationToken = default);

    /// <summary>Reads the vehicle's charging state (state of charge, plugged in, energy added).</summary>
    Task<VehicleOutcome> ReadStateAsync(VehicleAccount account, string vehicleId, CancellationToken cancellationToken = default);
}
