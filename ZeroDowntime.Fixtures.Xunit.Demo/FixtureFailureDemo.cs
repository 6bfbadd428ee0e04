using Xunit;

namespace ZeroDowntime.Fixtures.Xunit.Demo;

/// <summary>Its class fixture throws: step 1 fails with the fixture's error, step 2 is skipped.</summary>
[Scenario("FixtureFailure", Order = 30)]
[Collection(DemoCollection.Name)]
public sealed class FixtureFailureDemo(BrokenFixture fixture) : IClassFixture<BrokenFixture>
{
    /// <summary>Fails: the fixture did not start.</summary>
    [Step(1, "Connect")]
    public void Connect()
    {
        DemoJournal.Record();
        Assert.NotNull(fixture);
    }

    /// <summary>Skipped.</summary>
    [Step(2, "Disrupt")]
    public void Disrupt() => DemoJournal.Record();
}
