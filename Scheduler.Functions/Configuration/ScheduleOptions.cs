using System.ComponentModel.DataAnnotations;

namespace Scheduler.Functions.Configuration;

/// <summary>
/// The timers' schedules: six-field NCRONTAB expressions in UTC, read by the timer triggers from the app settings
/// of the same names (local-time logic lives in code, never in a schedule).
/// </summary>
public sealed class ScheduleOptions
{
    /// <summary>The pattern every schedule must match: six space-separated fields.</summary>
    public const string CronPattern = @"^\s*\S+(\s+\S+){5}\s*$";

    /// <summary>When every site is planned; e.g. <c>0 */15 * * * *</c>.</summary>
    [Required]
    [RegularExpression(CronPattern, ErrorMessage = "PlanAllSitesSchedule must be a six-field NCRONTAB expression such as '0 */15 * * * *'")]
    public string PlanAllSitesSchedule { get; set; } = string.Empty;

    /// <summary>When price feeds are fetched; e.g. <c>0 5 * * * *</c>.</summary>
    [Required]
    [RegularExpression(CronPattern, ErrorMessage = "PullTariffsSchedule must be a six-field NCRONTAB expression such as '0 5 * * * *'")]
    public string PullTariffsSchedule { get; set; } = string.Empty;

    /// <summary>When VTNs are polled; e.g. <c>0 */1 * * * *</c>.</summary>
    [Required]
    [RegularExpression(CronPattern, ErrorMessage = "PollGridSignalsSchedule must be a six-field NCRONTAB expression such as '0 */1 * * * *'")]
    public string PollGridSignalsSchedule { get; set; } = string.Empty;
}
