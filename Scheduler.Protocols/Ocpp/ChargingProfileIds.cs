using System.Text;

namespace Scheduler.Protocols.Ocpp;

/// <summary>
/// Profile ids that stay the same for one charger and purpose across plans, so that a resent profile replaces the
/// old one (OCPP K01.FR.05) instead of stacking beside it.
/// </summary>
public static class ChargingProfileIds
{
    /// <summary>The id of the profile with <paramref name="purpose"/> on <paramref name="chargerId"/>: a stable hash of the id × 10 + the purpose (1 TxDefaultProfile, 2 TxProfile); positive, below 10⁹.</summary>
    public static int For(string chargerId, ChargingProfilePurpose purpose)
    {
        // FNV-1a over the UTF-8 bytes: string.GetHashCode is randomised per process, so it cannot name a profile.
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(chargerId))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        var code = purpose == ChargingProfilePurpose.TxDefaultProfile ? 1 : 2;
        return (int)(hash % 100_000_000u) * 10 + code;
    }
}
