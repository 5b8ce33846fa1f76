namespace Scheduler.Protocols.Ocpp;

/// <summary>One way a charging-profile payload breaks the official schema or a rule of OCPP.</summary>
/// <param name="Path">The JSON path of the place, e.g. <c>$.chargingProfile.chargingSchedule[0].chargingSchedulePeriod[2].limit</c>.</param>
/// <param name="Message">What is wrong there.</param>
public sealed record ProfileViolation(string Path, string Message);
