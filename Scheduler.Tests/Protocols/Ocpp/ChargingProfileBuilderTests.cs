using System.Text.Json.Nodes;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Solving;
using Scheduler.Protocols.Ocpp;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Protocols.Ocpp;

public sealed class ChargingProfileBuilderTests
{
    private static readonly ChargingProfileOptions V16 = new() { Version = OcppVersion.V16 };
    private static readonly ChargingProfileOptions V201 = new() { Version = OcppVersion.V201 };

    [Theory]
    [InlineData(OcppVersion.V16)]
    [InlineData(OcppVersion.V201)]
    public void Build_SolvedPlan_EveryProfileValidatesAgainstTheOfficialSchema(OcppVersion version)
    {
        var problem = OcppProblems.TwoChargers();
        var plan = ChargingSolver.Solve(problem);

        var profiles = ChargingProfileBuilder.Build(plan, problem, new ChargingProfileOptions { Version = version });

        Assert.Equal(4, profiles.Count);
        Assert.All(profiles, p => Assert.Empty(ChargingProfileValidator.Validate(p)));
    }

    [Theory]
    [InlineData(OcppVersion.V16)]
    [InlineData(OcppVersion.V201)]
    public void Build_WattsUnit_ValidatesAndRoundTripsNoHigher(OcppVersion version)
    {
        var problem = OcppProblems.TwoChargers();
        var plan = ChargingSolver.Solve(problem);

        var profiles = ChargingProfileBuilder.BuildTxProfiles(plan, problem, new ChargingProfileOptions { Version = version, RateUnit = ChargingRateUnit.W });

        Assert.All(profiles, p => Assert.Empty(ChargingProfileValidator.Validate(p)));
        Assert.All(profiles, p => Assert.Empty(OcppProblems.Exceedances(plan, problem, p, exact: false)));
    }

    [Theory]
    [InlineData(OcppVersion.V16)]
    [InlineData(OcppVersion.V201)]
    public void BuildTxProfiles_WithinBudget_ReadsBackExactlyThePlan(OcppVersion version)
    {
        var problem = OcppProblems.TwoChargers();
        var plan = ChargingSolver.Solve(problem);

        var profiles = ChargingProfileBuilder.BuildTxProfiles(plan, problem, new ChargingProfileOptions { Version = version });

        Assert.All(profiles, p => Assert.Empty(OcppProblems.Exceedances(plan, problem, p, exact: true)));
        Assert.All(profiles, p => Assert.Equal(0, p.EnergyLostKwh));
    }

    [Fact]
    public void BuildTxProfiles_TightBudgetOnSolvedPlan_NeverAboveThePlan()
    {
        var problem = OcppProblems.TwoChargers(maxSchedulePeriods: 2);
        var plan = ChargingSolver.Solve(problem);

        var profiles = ChargingProfileBuilder.BuildTxProfiles(plan, problem, V201);

        Assert.All(profiles, p => Assert.Empty(OcppProblems.Exceedances(plan, problem, p, exact: false)));
        Assert.All(profiles, p => Assert.InRange(Periods(p).Count, 1, 2));
    }

    [Fact]
    public void BuildTxProfiles_TenPeriodPlanThreeAllowed_ThreePeriodsAtTheMinimumAndEnergyLostReported()
    {
        var problem = OcppProblems.With(
            new ProblemBuilder().Slots(10).Charger("cp1").Session("s1", "cp1", arrive: 0, depart: 150, kwh: 60).Build(),
            new Dictionary<string, string?> { ["s1"] = "tx-10" },
            maxSchedulePeriods: 3);
        var plan = HandMadePlan.From(problem, [[16, 15, 14, 13, 12, 8, 7, 10, 9, 6]]);

        var profile = Assert.Single(ChargingProfileBuilder.BuildTxProfiles(plan, problem, V201));

        var periods = Periods(profile);
        Assert.Equal(3, periods.Count);
        Assert.Equal([0L, 5 * 900L, 10 * 900L], periods.Select(p => p["startPeriod"]!.GetValue<long>()));
        Assert.Equal([12m, 6m, 0m], periods.Select(p => p["limit"]!.GetValue<decimal>()));
        Assert.Empty(OcppProblems.Exceedances(plan, problem, profile, exact: false));
        // (4+3+2+1)·900 + (2+1+4+3)·900 A·s at 230 V on 3 phases.
        Assert.Equal(20 * 900 * 230 * 3 / 3_600_000.0, profile.EnergyLostKwh, 9);
        Assert.Empty(ChargingProfileValidator.Validate(profile));
    }

    [Fact]
    public void BuildTxProfiles_EqualNeighbours_MergedWithStrictlyIncreasingStartsFromZeroAndFailSafeLast()
    {
        var problem = OcppProblems.With(
            new ProblemBuilder().Slots(6).Charger("cp1").Session("s1", "cp1", arrive: 0, depart: 75, kwh: 60).Build(),
            new Dictionary<string, string?> { ["s1"] = "tx-1" },
            Charger.DefaultMaxSchedulePeriods);
        var plan = HandMadePlan.From(problem, [[16, 16, 10, 10, 10, 0]]);

        var profile = Assert.Single(ChargingProfileBuilder.BuildTxProfiles(plan, problem, V201));

        var periods = Periods(profile);
        Assert.Equal([0L, 1800L, 4500L], periods.Select(p => p["startPeriod"]!.GetValue<long>()));
        Assert.Equal([16m, 10m, 0m], periods.Select(p => p["limit"]!.GetValue<decimal>()));
        Assert.All(periods, p => Assert.Equal(3, p["numberPhases"]!.GetValue<int>()));
    }

    [Fact]
    public void BuildTxProfiles_V201_ProfileShape()
    {
        var problem = OcppProblems.TwoChargers();
        var plan = ChargingSolver.Solve(problem);

        var profile = ChargingProfileBuilder.BuildTxProfiles(plan, problem, V201)[0];

        var body = profile.Payload["chargingProfile"]!;
        Assert.Equal(1, profile.Payload["evseId"]!.GetValue<int>());
        Assert.Equal("TxProfile", body["chargingProfilePurpose"]!.GetValue<string>());
        Assert.Equal("Absolute", body["chargingProfileKind"]!.GetValue<string>());
        Assert.Equal(0, body["stackLevel"]!.GetValue<int>());
        Assert.Equal("tx-1", body["transactionId"]!.GetValue<string>());
        Assert.Equal("2026-03-02T08:20:00Z", body["validFrom"]!.GetValue<string>());
        Assert.Equal("2026-03-02T10:50:00Z", body["validTo"]!.GetValue<string>());
        Assert.Equal("2026-03-02T08:20:00Z", body["chargingSchedule"]![0]!["startSchedule"]!.GetValue<string>());
        Assert.Equal("A", body["chargingSchedule"]![0]!["chargingRateUnit"]!.GetValue<string>());
        Assert.Equal(ChargingProfileIds.For("cp1", ChargingProfilePurpose.TxProfile), body["id"]!.GetValue<int>());
        Assert.Equal("s1", profile.SessionId);
        Assert.True(profile.IsDispatchable);
    }

    [Fact]
    public void BuildTxProfiles_StackLevelAndEvsePerCharger_TakenFromOptions()
    {
        var problem = OcppProblems.TwoChargers();
        var plan = ChargingSolver.Solve(problem);
        var options = V16 with
        {
            DefaultStackLevel = 1,
            StackLevels = new Dictionary<string, int> { ["cp2"] = 3 },
            EvseIds = new Dictionary<string, int> { ["cp2"] = 2 },
        };

        var profiles = ChargingProfileBuilder.BuildTxProfiles(plan, problem, options);

        Assert.Equal([1, 3], profiles.Select(p => p.Payload["csChargingProfiles"]!["stackLevel"]!.GetValue<int>()));
        Assert.Equal([1, 2], profiles.Select(p => p.Payload["connectorId"]!.GetValue<int>()));
    }

    [Fact]
    public void BuildTxProfiles_V16IntegerTransactionId_WrittenAsInteger()
    {
        var problem = OcppProblems.TwoChargers(tx2: "42");
        var plan = ChargingSolver.Solve(problem);

        var profile = ChargingProfileBuilder.BuildTxProfiles(plan, problem, V16)[1];

        Assert.Equal(42, profile.Payload["csChargingProfiles"]!["transactionId"]!.GetValue<int>());
        Assert.True(profile.IsDispatchable);
    }

    [Theory]
    [InlineData("tx-1")]
    [InlineData(null)]
    [InlineData("")]
    public void BuildTxProfiles_V16NonIntegerOrMissingTransactionId_NotDispatchableAndNoIdInvented(string? transactionId)
    {
        var problem = OcppProblems.TwoChargers(tx1: transactionId);
        var plan = ChargingSolver.Solve(problem);

        var profile = ChargingProfileBuilder.BuildTxProfiles(plan, problem, V16)[0];

        Assert.False(profile.IsDispatchable);
        Assert.NotNull(profile.NotDispatchableReason);
        Assert.False(profile.Payload["csChargingProfiles"]!.AsObject().ContainsKey("transactionId"));
    }

    [Fact]
    public void BuildTxProfiles_V201StringTransactionId_WrittenAsString()
    {
        var problem = OcppProblems.TwoChargers(tx2: "42");
        var plan = ChargingSolver.Solve(problem);

        var profile = ChargingProfileBuilder.BuildTxProfiles(plan, problem, V201)[1];

        Assert.Equal("42", profile.Payload["chargingProfile"]!["transactionId"]!.GetValue<string>());
        Assert.True(profile.IsDispatchable);
    }

    [Fact]
    public void BuildTxProfiles_V201TransactionIdOf36_Dispatchable()
    {
        var problem = OcppProblems.TwoChargers(tx1: new string('a', 36));
        var plan = ChargingSolver.Solve(problem);

        var profile = ChargingProfileBuilder.BuildTxProfiles(plan, problem, V201)[0];

        Assert.True(profile.IsDispatchable);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0123456789012345678901234567890123456")]
    public void BuildTxProfiles_V201MissingOrTooLongTransactionId_NotDispatchable(string? transactionId)
    {
        var problem = OcppProblems.TwoChargers(tx1: transactionId);
        var plan = ChargingSolver.Solve(problem);

        var profile = ChargingProfileBuilder.BuildTxProfiles(plan, problem, V201)[0];

        Assert.False(profile.IsDispatchable);
        Assert.False(profile.Payload["chargingProfile"]!.AsObject().ContainsKey("transactionId"));
    }

    [Fact]
    public void BuildTxProfiles_Resend_SameProfileIds()
    {
        var problem = OcppProblems.TwoChargers();

        var first = ChargingProfileBuilder.BuildTxProfiles(ChargingSolver.Solve(problem), problem, V201);
        var second = ChargingProfileBuilder.BuildTxProfiles(ChargingSolver.Solve(problem), problem, V201);

        Assert.Equal(
            first.Select(p => p.Payload["chargingProfile"]!["id"]!.GetValue<int>()),
            second.Select(p => p.Payload["chargingProfile"]!["id"]!.GetValue<int>()));
    }

    [Fact]
    public void FailSafeCurrentA_TwoChargersOn40AFeeder_HalfTheFeeder()
    {
        var problem = OcppProblems.TwoChargers();

        var current = ChargingProfileBuilder.FailSafeCurrentA(problem.Site.Chargers[0], problem.Site);

        Assert.Equal(20m, current);
    }

    [Fact]
    public void FailSafeCurrentA_NestedCircuitsAndSiteLimit_TightestShareRoundedDown()
    {
        // Main 100 A over 3 chargers (33.3 A), sub-feeder 25 A over 2 (12.5 A), site 20 kW over 3 at 230 V × 3 (9.66 A).
        var problem = new ProblemBuilder()
            .GridLimit(20)
            .Circuit("main", 100)
            .Circuit("sub", 25, parent: "main")
            .Charger("cp1", circuit: "sub")
            .Charger("cp2", circuit: "sub")
            .Charger("cp3", circuit: "main")
            .Build();

        var current = ChargingProfileBuilder.FailSafeCurrentA(problem.Site.Chargers[0], problem.Site);

        Assert.Equal(9.6m, current);
    }

    [Fact]
    public void FailSafeCurrentA_ShareBelowMinimum_Zero()
    {
        var problem = new ProblemBuilder()
            .Circuit("feeder", 16)
            .Charger("cp1", circuit: "feeder")
            .Charger("cp2", circuit: "feeder")
            .Charger("cp3", circuit: "feeder")
            .Build();

        var current = ChargingProfileBuilder.FailSafeCurrentA(problem.Site.Chargers[0], problem.Site);

        Assert.Equal(0m, current);
    }

    [Theory]
    [InlineData(OcppVersion.V16, "connectorId", "csChargingProfiles")]
    [InlineData(OcppVersion.V201, "evseId", "chargingProfile")]
    public void BuildTxDefaultProfiles_PerCharger_OwnEvseOneFailSafePeriod(OcppVersion version, string evseName, string profileName)
    {
        var problem = OcppProblems.TwoChargers();
        var plan = ChargingSolver.Solve(problem);

        var profiles = ChargingProfileBuilder.BuildTxDefaultProfiles(plan, problem, new ChargingProfileOptions { Version = version });

        Assert.Equal(["cp1", "cp2"], profiles.Select(p => p.ChargerId));
        Assert.All(profiles, p => Assert.Equal(1, p.Payload[evseName]!.GetValue<int>()));
        Assert.All(profiles, p => Assert.Equal("TxDefaultProfile", p.Payload[profileName]!["chargingProfilePurpose"]!.GetValue<string>()));
        Assert.All(profiles, p => Assert.Null(p.SessionId));
        Assert.All(profiles, p => Assert.Equal(20.0, Assert.Single(ChargingProfileReader.Read(p.Payload)).LimitA));
        Assert.All(profiles, p => Assert.Empty(ChargingProfileValidator.Validate(p)));
    }

    private static List<JsonNode> Periods(ChargingProfile profile) =>
        (profile.Payload["chargingProfile"]?["chargingSchedule"]?[0] ?? profile.Payload["csChargingProfiles"]!["chargingSchedule"])!
            ["chargingSchedulePeriod"]!.AsArray().Select(p => p!).ToList();

    [Theory]
    [InlineData(OcppVersion.V16)]
    [InlineData(OcppVersion.V201)]
    public void BuildTxProfiles_SessionsOutsideTheWindow_GetNoProfileTheRestValidate(OcppVersion version)
    {
        // A 4-hour window: s-before left before it, s-after arrives after it, s-across starts before and ends inside.
        var problem = OcppProblems.With(
            new ProblemBuilder()
                .Slots(16)
                .Charger("cp1", maxA: 32)
                .Charger("cp2", maxA: 32)
                .Charger("cp3", maxA: 32)
                .SlotPrices([.. Enumerable.Repeat(0.2, 16)])
                .Session("s-before", "cp1", arrive: -600, depart: -60, kwh: 10)
                .Session("s-after", "cp2", arrive: 300, depart: 900, kwh: 10)
                .Session("s-across", "cp3", arrive: -90, depart: 100, kwh: 10)
                .Build(),
            new Dictionary<string, string?> { ["s-before"] = "1", ["s-after"] = "2", ["s-across"] = "3" },
            Charger.DefaultMaxSchedulePeriods);
        var plan = ChargingSolver.Solve(problem);

        var profiles = ChargingProfileBuilder.BuildTxProfiles(plan, problem, new ChargingProfileOptions { Version = version });

        var profile = Assert.Single(profiles);
        Assert.Equal("s-across", profile.SessionId);
        Assert.True(profile.IsDispatchable);
        Assert.Empty(ChargingProfileValidator.Validate(profile));
        Assert.Empty(OcppProblems.Exceedances(plan, problem, profile, exact: false));
    }

    [Fact]
    public void Build_RandomProblems_EveryProfileValidates()
    {
        foreach (var seeded in RandomProblems.Fixed(40))
        {
            var problem = OcppProblems.With(seeded.Problem, seeded.Problem.Sessions.Select((s, i) => (s.Id, (string?)$"tx-{i}")).ToDictionary(), Charger.DefaultMaxSchedulePeriods);
            var plan = ChargingSolver.Solve(problem);

            var profiles = ChargingProfileBuilder.Build(plan, problem, V201);

            Assert.All(profiles, p => Assert.True(ChargingProfileValidator.Validate(p).Count == 0, $"{seeded.Seed}: {p.SessionId} {string.Join("; ", ChargingProfileValidator.Validate(p))}"));
            Assert.All(profiles.Where(p => p.SessionId is not null), p => Assert.True(ChargingProfileBuilder.IsInside(problem.Sessions.Single(s => s.Id == p.SessionId), plan.Window)));
        }
    }
}
