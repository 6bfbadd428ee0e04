using Xunit;

namespace ZeroDowntime.Fixtures.Xunit.Demo;

/// <summary>Step 2 finds the scenario does not apply (a variant the cluster lacks): it and step 3 are reported skipped with its reason.</summary>
[Scenario("Skip", Order = 60)]
[Collection(DemoCollection.Name)]
public sealed class SkipDemo
{
    /// <summary>The reason step 2 gives.</summary>
    public const string Reason = "skipped: this cluster has no process-kill hook (on purpose)";

    /// <summary>Passes.</summary>
    [Step(1, "Connect")]
    public void Connect() => DemoJournal.Record();

    /// <summary>Skips the scenario.</summary>
    [Step(2, "Check the variant applies")]
    public void Check()
    {
        DemoJournal.Record();
        throw new ScenarioSkippedException(Reason);
    }

    /// <summary>Must never run: the scenario was skipped.</summary>
    [Step(3, "Kill the process")]
    public void Kill() => DemoJournal.Record();
}
