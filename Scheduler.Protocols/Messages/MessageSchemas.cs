using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Messages;

/// <summary>The embedded JSON Schemas of the queue messages (<c>Schemas/messages/*.v1.schema.json</c>), each built once.</summary>
internal static class MessageSchemas
{
    private static readonly Lazy<EmbeddedSchema> LazyEnvelope = new(() => Load("envelope"));
    private static readonly Lazy<EmbeddedSchema> LazyDeparture = new(() => Load(MessageTypes.Departure));
    private static readonly Lazy<EmbeddedSchema> LazySessionEvent = new(() => Load(MessageTypes.SessionEvent));
    private static readonly Lazy<EmbeddedSchema> LazyGridSignal = new(() => Load(MessageTypes.GridSignal));
    private static readonly Lazy<EmbeddedSchema> LazyPlanRequest = new(() => Load(MessageTypes.PlanRequest));
    private static readonly Lazy<EmbeddedSchema> LazyDispatch = new(() => Load(MessageTypes.Dispatch));
    private static readonly Lazy<EmbeddedSchema> LazyVehicleCommand = new(() => Load(MessageTypes.VehicleCommand));
    private static readonly Lazy<EmbeddedSchema> LazySiteMeter = new(() => Load(MessageTypes.SiteMeter));

    /// <summary>type, version and id only; other properties allowed.</summary>
    public static EmbeddedSchema Envelope => LazyEnvelope.Value;

    public static EmbeddedSchema Departure => LazyDeparture.Value;

    public static EmbeddedSchema SessionEvent => LazySessionEvent.Value;

    public static EmbeddedSchema GridSignal => LazyGridSignal.Value;

    public static EmbeddedSchema PlanRequest => LazyPlanRequest.Value;

    public static EmbeddedSchema Dispatch => LazyDispatch.Value;

    public static EmbeddedSchema VehicleCommand => LazyVehicleCommand.Value;

    public static EmbeddedSchema SiteMeter => LazySiteMeter.Value;

    private static EmbeddedSchema Load(string name) => new($"messages.{name}.v1.schema.json");
}
