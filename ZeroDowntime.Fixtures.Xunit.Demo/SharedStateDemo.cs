using Xunit;
using Xunit.Abstractions;

namespace ZeroDowntime.Fixtures.Xunit.Demo;

/// <summary>
/// Steps declared in reverse; they pass only when run 1, 2, 3 with one shared context. With
/// <see cref="HoldVariable"/> set, step 1 narrates, holds that long (a long wait: it reports every
/// <see cref="ProgressInterval"/>) and step 2 narrates again: the live-progress test times their arrival.
/// </summary>
[Scenario("SharedState", Order = 10)]
[Collection(DemoCollection.Name)]
public sealed class SharedStateDemo(ScenarioContext<Counter> context, ITestOutputHelper output) : IClassFixture<ScenarioContext<Counter>>
{
    /// <summary>How long step 1 holds (a TimeSpan, e.g. 00:00:03); unset: no hold.</summary>
    public const string HoldVariable = "ZD_DEMO_HOLD";

    /// <summary>The progress interval during the hold.</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    private readonly Narrator _narrator = new(output);

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
        _narrator.By("Counting again");
        Assert.Equal(1, context.State.Value);
        context.State.Value++;
    }

    /// <summary>Runs first.</summary>
    [Step(1, "Start counting")]
    public async Task First()
    {
        DemoJournal.Record();
        _narrator.By("Counting starts");
        if (TimeSpan.TryParse(Environment.GetEnvironmentVariable(HoldVariable), System.Globalization.CultureInfo.InvariantCulture, out var hold))
        {
            LiveProgress.SetInterval(ProgressInterval);
            using (LiveProgress.Waiting("the demo hold", hold, "ZD_DEMO_HOLD"))
            {
                await Task.Delay(hold);
            }
        }

        Assert.Equal(0, context.State.Value);
        context.State.Value++;
    }
}
