namespace Scheduler.Functions.Vehicles;

/// <summary>How one vehicle's charging is controlled.</summary>
public sealed record VehicleRoute
{
    /// <summary>Through the charger's CSMS (OCPP profiles).</summary>
    public const string Csms = "csms";

    /// <summary>Through the vehicle's own API (timed commands).</summary>
    public const string VehicleApi = "vehicle-api";

    /// <summary>The vehicle's id or VIN at the API (the <c>{id}</c> of its URLs).</summary>
    public required string ApiVehicleId { get; init; }

    /// <summary>The dispatch path: <see cref="Csms"/> or <see cref="VehicleApi"/>. The default is vehicle-api.</summary>
    public string Dispatch { get; init; } = VehicleApi;
}
