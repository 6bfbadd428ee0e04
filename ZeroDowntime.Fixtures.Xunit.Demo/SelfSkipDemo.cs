using Xunit;

namespace ZeroDowntime.Fixtures.Xunit.Demo;

/// <summary>Three steps; step 2 finds the scenario cannot run here and skips it, so steps 2 and 3 are reported skipped with its reason.</summary>
[Scenario("SelfSkip", Order = 60)]
[Collection(DemoCollection.Name)]
public sealed class SelfSkipDemo
{
    /// <summary>The reason step 2 gives.</summary>
    public const string Reason = "the datastore has no Sentinel here";

    /// <summary>Passes.</summary>
    [Step(1, "Look at the target")]
    public void Look() => DemoJournal.Record();

    /// <summary>Skips the scenario.</summary>
    [Step(2, "Find the primary")]
    public void FindThePrimary()
    {
        DemoJournal.Record();
        throw new ScenarioSkipException(Reason);
    }

    /// <summary>Must never run: the scenario skipped itself.</summary>
    [Step(3, "Kill the primary")]
    public void KillThePrimary() => DemoJournal.Record();
}
