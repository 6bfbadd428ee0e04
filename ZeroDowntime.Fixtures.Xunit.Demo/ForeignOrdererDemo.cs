using Xunit;

namespace ZeroDowntime.Fixtures.Xunit.Demo;

/// <summary>
/// Overrides the step orderer with one that runs steps backwards: step 3 runs, then steps 2 and 1
/// fail with <see cref="StepOrderException"/> instead of running out of order.
/// </summary>
[Scenario("ForeignOrderer", Order = 50)]
[Collection(DemoCollection.Name)]
[TestCaseOrderer(ReverseOrderer.TypeName, "ZeroDowntime.Fixtures.Xunit.Demo")]
public sealed class ForeignOrdererDemo
{
    /// <summary>Would run first; refused.</summary>
    [Step(1, "First")]
    public void First() => DemoJournal.Record();

    /// <summary>Would run second; refused.</summary>
    [Step(2, "Second")]
    public void Second() => DemoJournal.Record();

    /// <summary>Runs (nothing ran before it).</summary>
    [Step(3, "Third")]
    public void Third() => DemoJournal.Record();
}
