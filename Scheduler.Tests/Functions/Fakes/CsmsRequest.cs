using Scheduler.Protocols.Ocpp;

namespace Scheduler.Tests.Functions.Fakes;

/// <summary>One SetChargingProfile request as <see cref="FakeCsmsServer"/> received it.</summary>
/// <param name="VersionText">The version segment of the route: <c>1.6</c> or <c>2.0.1</c>.</param>
/// <param name="Version">That version; <see langword="null"/> when the segment was neither.</param>
/// <param name="StationId">The <c>identifier</c> query value, unescaped.</param>
/// <param name="TenantId">The <c>tenantId</c> query value, if any.</param>
/// <param name="Authorization">The <c>Authorization</c> header, if any.</param>
/// <param name="Body">The body as text.</param>
/// <param name="IsValid">Whether the body passed the official OCPP schema of <paramref name="Version"/> (and OCPP's own rules).</param>
/// <param name="Violations">Every violation found, schema violations first.</param>
public sealed record CsmsRequest(
    string VersionText,
    OcppVersion? Version,
    string StationId,
    string? TenantId,
    string? Authorization,
    string Body,
    bool IsValid,
    IReadOnlyList<ProfileViolation> Violations);
