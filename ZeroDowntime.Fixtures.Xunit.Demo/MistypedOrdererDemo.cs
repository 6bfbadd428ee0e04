using Xunit;

namespace ZeroDowntime.Fixtures.Xunit.Demo;

/// <summary>
/// Names an orderer type that does not exist. xUnit ignores such a name silently; the steps must
/// still run in step order (declared in reverse, they pass only in order).
/// </summary>
[Scenario("MistypedOrderer", Order = 40)]
[Collection(DemoCollection.Name)]
[TestCaseOrderer(StepOrderer.TypeName + "Typo", StepOrderer.AssemblyName)]
public sealed class MistypedOrdererDemo(ScenarioContext<Counter> context) : IClassFixture<ScenarioContext<Counter>>
{
    /// <summary>Runs last.</summary>
    [Step(3, "Third")]
    public void Third()
    {
        DemoJournal.Record();
        Assert.Equal(2, context.State.Value);
    }

    /// <summary>Runs second.</summary>
    [Step(2, "Second")]
    public void Second()
    {
        DemoJournal.Record();
        Assert.Equal(1, context.State.Value++);
    }

    /// <summary>Runs first.</summary>
    [Step(1, "First")]
    public void First()
    {
        DemoJournal.Record();
        Assert.Equal(0, context.State.Value++);
    }
}
