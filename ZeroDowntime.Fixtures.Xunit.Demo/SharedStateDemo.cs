using Xunit;

namespace ZeroDowntime.Fixtures.Xunit.Demo;

/// <summary>Steps declared in reverse; they pass only when run 1, 2, 3 with one shared context.</summary>
[Scenario("SharedState", Order = 10)]
[Collection(DemoCollection.Name)]
public sealed class SharedStateDemo(ScenarioContext<Counter> context) : IClassFixture<ScenarioContext<Counter>>
{
    /// <summary>Runs last.</summary>
    [Step(3)]
    public void Third_sees_both_earlier_steps()
    {
        DemoJournal.Record();
        Assert.Equal(2, context.State.Value);
    }

    /// <summary>Runs second.</summary>
    [Step(2, "Count again")]
    public void Second()
    {
        DemoJournal.Record();
        Assert.Equal(1, context.State.Value);
        context.State.Value++;
    }

    /// <summary>Runs first.</summary>
    [Step(1, "Start counting")]
    public void First()
    {
        DemoJournal.Record();
        Assert.Equal(0, context.State.Value);
        context.State.Value++;
    }
}
