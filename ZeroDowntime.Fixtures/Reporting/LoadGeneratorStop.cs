namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// The load generator stopped by itself before the scenario stopped it (the k6 pod failed or was deleted, a built-in
/// worker threw): when, why, and how many attempts it had recorded by then. Load-based verdicts say this instead of
/// a success rate; the attempts before it stay in the report.
/// </summary>
/// <param name="Generator">The generator's name (<c>k6</c>, <c>builtin</c>).</param>
/// <param name="At">When the suite saw it stop.</param>
/// <param name="Reason">Why, in a few words (<c>the k6 pod was deleted while it ran</c>).</param>
/// <param name="AttemptsBefore">Attempts the generator recorded before it stopped.</param>
public sealed record LoadGeneratorStop(string Generator, DateTimeOffset At, string Reason, int AttemptsBefore)
{
    /// <summary>The sentence verdicts and reports use: <c>the load generator (k6) stopped at 12:00:03.10 (reason); 42 attempts recorded before it</c>.</summary>
    public override string ToString() =>
        $"the load generator ({Generator}) stopped at {ReportFormat.Time(At)} ({Reason}); {AttemptsBefore} attempt{(AttemptsBefore == 1 ? "" : "s")} recorded before it";
}
