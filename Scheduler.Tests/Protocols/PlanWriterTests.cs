using System.Text.Json;
using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Plans;
using Scheduler.Protocols.Plans;

namespace Scheduler.Tests.Protocols;

public sealed class PlanWriterTests
{
    // 2026-03-29 in Amsterdam: at 01:00 UTC the clocks jump from 02:00 CET (+01:00) to 03:00 CEST (+02:00).
    private static readonly Instant SpringStart = Instant.FromUtc(2026, 3, 29, 0, 30);

    [Fact]
    public void Write_FeasiblePlan_WritesEveryFieldInOrder()
    {
        var problem = Problem("Europe/Amsterdam", SpringStart);

        var root = Parse(PlanWriter.Write(Plan(problem), problem));

        Assert.Equal(
            [
                "version", "siteId", "status", "currency", "cost", "energyCost", "demandCost", "demandCharges", "peakKw", "objective",
                "lowerBound", "gapPct", "solveMs", "baselineCost", "savings", "baseline", "requestedKwh", "deliveredKwh",
                "shortfallKwh", "planning", "sessions", "siteLoad",
            ],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal("depot-1", root.GetProperty("siteId").GetString());
        Assert.Equal("Feasible", root.GetProperty("status").GetString());
        Assert.Equal("EUR", root.GetProperty("currency").GetString());
        Assert.Equal(42, root.GetProperty("solveMs").GetInt64());
        Assert.Equal(15, root.GetProperty("planning").GetProperty("slotMinutes").GetInt32());
        Assert.Equal(["cost", "deliveredKwh", "peakKw"], root.GetProperty("baseline").EnumerateObject().Select(p => p.Name));
        var session = root.GetProperty("sessions")[0];
        Assert.Equal(
            ["id", "chargerId", "vehicleId", "transactionId", "phases", "requestedKwh", "deliveredKwh", "shortfallKwh", "periods"],
            session.EnumerateObject().Select(p => p.Name));
        Assert.Equal("s-1", session.GetProperty("id").GetString());
        Assert.Equal("cp-01", session.GetProperty("chargerId").GetString());
        Assert.Equal("v-1", session.GetProperty("vehicleId").GetString());
        Assert.Equal("8812", session.GetProperty("transactionId").GetString());
        Assert.Equal(3, session.GetProperty("phases").GetInt32());
        Assert.Equal(
            ["start", "end", "currentA", "powerKw"],
            session.GetProperty("periods")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(16, session.GetProperty("periods")[0].GetProperty("currentA").GetInt32());
        Assert.Equal(
            ["start", "end", "kw", "chargingKw", "baseLoadKw", "limitKw", "perKwh"],
            root.GetProperty("siteLoad")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Write_AmountsAndQuantities_RoundsMoneyToFourAndKwToThreeDecimals()
    {
        var problem = Problem("Europe/Amsterdam", SpringStart);

        var root = Parse(PlanWriter.Write(Plan(problem), problem));

        Assert.Equal("1.2346", Raw(root, "cost"));
        Assert.Equal("1.0001", Raw(root, "energyCost"));
        Assert.Equal("0.2345", Raw(root, "demandCost"));
        Assert.Equal("22.08", Raw(root, "peakKw"));
        Assert.Equal("1.2346", Raw(root, "objective"));
        Assert.Equal("1.2", Raw(root, "lowerBound"));
        Assert.Equal("2.881", Raw(root, "gapPct"));
        Assert.Equal("2.5", Raw(root, "baselineCost"));
        Assert.Equal("1.2654", Raw(root, "savings"));
        Assert.Equal("11.04", Raw(root.GetProperty("baseline"), "deliveredKwh"));
        Assert.Equal("11.5", Raw(root, "requestedKwh"));
        Assert.Equal("11.04", Raw(root, "deliveredKwh"));
        Assert.Equal("0.46", Raw(root, "shortfallKwh"));
        var slot = root.GetProperty("siteLoad")[2];
        Assert.Equal("0", Raw(slot, "baseLoadKw"));
        Assert.Equal("0.085371", Raw(slot, "perKwh"));
        Assert.Equal("11.041", Raw(root.GetProperty("sessions")[0].GetProperty("periods")[0], "powerKw"));
    }

    [Fact]
    public void Write_InstantsAcrossSpringDstChange_UseTheOffsetInForceAtEachInstant()
    {
        var problem = Problem("Europe/Amsterdam", SpringStart);

        var root = Parse(PlanWriter.Write(Plan(problem), problem));

        Assert.Equal(
            ["2026-03-29T01:30:00+01:00", "2026-03-29T01:45:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-29T03:15:00+02:00"],
            root.GetProperty("siteLoad").EnumerateArray().Select(s => s.GetProperty("start").GetString()));
        Assert.Equal("2026-03-29T03:00:00+02:00", root.GetProperty("siteLoad")[1].GetProperty("end").GetString());
        Assert.Equal("2026-03-29T01:30:00+01:00", root.GetProperty("planning").GetProperty("start").GetString());
        Assert.Equal("2026-03-29T03:30:00+02:00", root.GetProperty("planning").GetProperty("end").GetString());
        var period = root.GetProperty("sessions")[0].GetProperty("periods")[0];
        Assert.Equal("2026-03-29T01:37:30+01:00", period.GetProperty("start").GetString());
        Assert.Equal("2026-03-29T03:15:00+02:00", period.GetProperty("end").GetString());
    }

    [Fact]
    public void Write_InstantsAcrossAutumnDstChange_WriteTheRepeatedHourWithBothOffsets()
    {
        // 2026-10-25 in Amsterdam: at 01:00 UTC the clocks go back from 03:00 CEST (+02:00) to 02:00 CET (+01:00).
        var problem = Problem("Europe/Amsterdam", Instant.FromUtc(2026, 10, 25, 0, 30));

        var root = Parse(PlanWriter.Write(Plan(problem), problem));

        Assert.Equal(
            ["2026-10-25T02:30:00+02:00", "2026-10-25T02:45:00+02:00", "2026-10-25T02:00:00+01:00", "2026-10-25T02:15:00+01:00"],
            root.GetProperty("siteLoad").EnumerateArray().Select(s => s.GetProperty("start").GetString()));
    }

    [Fact]
    public void Write_SiteInUtc_WritesZeroOffsetAsPlusZero()
    {
        var problem = Problem("Etc/UTC", SpringStart);

        var root = Parse(PlanWriter.Write(Plan(problem), problem));

        Assert.Equal("2026-03-29T00:30:00+00:00", root.GetProperty("planning").GetProperty("start").GetString());
    }

    [Fact]
    public void Write_WithoutLowerBound_WritesNullBoundAndGap()
    {
        var problem = Problem("Europe/Amsterdam", SpringStart);

        var root = Parse(PlanWriter.Write(Plan(problem) with { LowerBound = null }, problem));

        Assert.Equal(JsonValueKind.Null, root.GetProperty("lowerBound").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("gapPct").ValueKind);
    }

    [Fact]
    public void Write_FallbackPlan_WritesStatusAndReason()
    {
        var problem = Problem("Europe/Amsterdam", SpringStart);
        var plan = Plan(problem) with { Status = PlanStatus.Fallback, FallbackReason = "time limit reached" };

        var root = Parse(PlanWriter.Write(plan, problem));

        Assert.Equal("Fallback", root.GetProperty("status").GetString());
        Assert.Equal("time limit reached", root.GetProperty("fallbackReason").GetString());
    }

    [Fact]
    public void Write_SessionWithoutVehicleOrTransaction_LeavesThemOut()
    {
        var problem = Problem("Europe/Amsterdam", SpringStart, vehicleId: null, transactionId: null);

        var session = Parse(PlanWriter.Write(Plan(problem), problem)).GetProperty("sessions")[0];

        Assert.False(session.TryGetProperty("vehicleId", out _));
        Assert.False(session.TryGetProperty("transactionId", out _));
    }

    [Fact]
    public void Write_Output_IsIndentedWithLineFeedsAndReadableOffsets()
    {
        var problem = Problem("Europe/Amsterdam", SpringStart);

        var json = PlanWriter.Write(Plan(problem), problem);

        Assert.StartsWith("{\n  \"version\": 1,\n  \"siteId\": \"depot-1\",", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", json, StringComparison.Ordinal);
        Assert.Contains("+02:00", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PlanStatus.Optimal, null, true)]
    [InlineData(PlanStatus.Feasible, null, false)]
    [InlineData(PlanStatus.Fallback, "solver failed", false)]
    public void Write_AnyPlan_ValidatesAgainstPlanSchema(PlanStatus status, string? reason, bool withoutBound)
    {
        var problem = Problem("Europe/Amsterdam", SpringStart);
        var plan = Plan(problem) with { Status = status, FallbackReason = reason };
        plan = withoutBound ? plan with { LowerBound = null } : plan;

        var errors = PlanSchema.Validate(PlanWriter.Write(plan, problem));

        Assert.Empty(errors);
    }

    [Fact]
    public void Write_TwoDemandCharges_WritesEachBillInTheTariffsOrder()
    {
        var problem = Problem("Europe/Amsterdam", SpringStart);

        var charges = Parse(PlanWriter.Write(Plan(problem) with { DemandCharges = TwoBills }, problem)).GetProperty("demandCharges");

        Assert.Equal(2, charges.GetArrayLength());
        Assert.Equal(
            ["id", "perKw", "peakKw", "peakSoFarKw", "billedKw", "amount", "coveredSlots"],
            charges[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["facility-2026-03", "25.36", "22.08", "30", "0", "0", "4"],
            charges[0].EnumerateObject().Select(p => p.Name == "id" ? p.Value.GetString()! : p.Value.GetRawText()));
        Assert.Equal(
            ["on-peak-2026-03", "29.540001", "11.04", "4.5", "6.54", "193.1916", "2"],
            charges[1].EnumerateObject().Select(p => p.Name == "id" ? p.Value.GetString()! : p.Value.GetRawText()));
    }

    [Fact]
    public void Write_NoDemandCharges_WritesAnEmptyList()
    {
        var problem = Problem("Europe/Amsterdam", SpringStart);

        var charges = Parse(PlanWriter.Write(Plan(problem), problem)).GetProperty("demandCharges");

        Assert.Equal(0, charges.GetArrayLength());
    }

    [Fact]
    public void Write_SessionWithANote_WritesItsCodeAndMessageBeforeThePeriods()
    {
        var problem = Problem("Europe/Amsterdam", SpringStart);
        var plan = Plan(problem);
        var noted = plan with { Sessions = [plan.Sessions[0] with { Note = new SessionNote(SessionNote.CannotDraw, "the vehicle's 4 A maximum is below the charger's 6 A minimum") }] };

        var session = Parse(PlanWriter.Write(noted, problem)).GetProperty("sessions")[0];

        Assert.Equal(["shortfallKwh", "note", "periods"], session.EnumerateObject().Select(p => p.Name).TakeLast(3));
        Assert.Equal("cannot-draw", session.GetProperty("note").GetProperty("code").GetString());
        Assert.Equal("the vehicle's 4 A maximum is below the charger's 6 A minimum", session.GetProperty("note").GetProperty("message").GetString());
    }

    [Fact]
    public void Write_TwoDemandChargesAndANote_ValidatesAgainstPlanSchema()
    {
        var problem = Problem("Europe/Amsterdam", SpringStart);
        var plan = Plan(problem);
        plan = plan with
        {
            DemandCharges = TwoBills,
            Sessions = [plan.Sessions[0] with { Note = new SessionNote(SessionNote.OutsideWindow, "the session does not overlap the window") }],
        };

        var errors = PlanSchema.Validate(PlanWriter.Write(plan, problem));

        Assert.Empty(errors);
    }

    [Fact]
    public void Write_NonFiniteCost_Throws()
    {
        var problem = Problem("Europe/Amsterdam", SpringStart);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => PlanWriter.Write(Plan(problem) with { Cost = double.NaN }, problem));

        Assert.Equal("cost", error.ParamName);
    }

    // A facility charge whose recorded peak the plan stays under, and an on-peak charge billed on its new part.
    private static readonly DemandChargeBill[] TwoBills =
    [
        new("facility-2026-03", 25.36, 22.0800049, 30, 0, 0, 4),
        new("on-peak-2026-03", 29.5400011, 11.04, 4.5, 6.54, 193.191607194, 2),
    ];

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    private static string Raw(JsonElement element, string name) => element.GetProperty(name).GetRawText();

    private static PlanningProblem Problem(string zone, Instant start, string? vehicleId = "v-1", string? transactionId = "8812")
    {
        var end = start + Duration.FromHours(1);
        var site = new Site(
            "depot-1",
            DateTimeZoneProviders.Tzdb[zone],
            230,
            150,
            [],
            [new Charger("cp-01", null, 32)],
            []);
        var tariff = new Tariff("EUR", [new PriceInterval(start, end, 0.085371)]);
        var session = new Session("s-1", "cp-01", start + Duration.FromSeconds(450), end, 11.5, 16, 3, vehicleId, transactionId);
        return new PlanningProblem(site, tariff, [], [session], new PlanningWindow(start, end, Duration.FromMinutes(15)));
    }

    /// <summary>A hand-made plan: one session at 16 A on three phases (11.04 kW) from its arrival to 45 minutes in.</summary>
    private static Plan Plan(PlanningProblem problem)
    {
        var window = problem.Window;
        var session = problem.Sessions[0];
        var periodEnd = window.SlotEnd(2);
        var slots = Enumerable.Range(0, window.SlotCount)
            .Select(k =>
            {
                var chargingKw = k < 3 ? (k == 0 ? 11.04 / 2 : 11.04) : 0;
                return new SiteLoadSlot(window.SlotStart(k), window.SlotEnd(k), chargingKw + 1e-9, chargingKw, -1e-9, 150, 0.085371);
            })
            .ToList();
        return new Plan
        {
            Status = PlanStatus.Feasible,
            Window = window,
            Currency = "EUR",
            Cost = 1.234567,
            EnergyCost = 1.00005,
            DemandCost = 0.2345221,
            PeakKw = 22.0800049,
            Objective = 1.23456789,
            LowerBound = 1.2,
            SolveMs = 42,
            Baseline = new BaselineResult(2.5, 11.0400001, 22.08),
            Sessions =
            [
                new SessionPlan(
                    session.Id,
                    session.ChargerId,
                    11.5,
                    11.04,
                    0.46,
                    3,
                    [16, 16, 16, 0],
                    [new ChargingPeriod(session.Arrival, periodEnd, 16, 11.0405)]),
            ],
            SiteLoad = slots,
        };
    }
}
