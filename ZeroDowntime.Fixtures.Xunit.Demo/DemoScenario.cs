using Xunit;
using Xunit.Abstractions;

namespace ZeroDowntime.Fixtures.Xunit.Demo;

/// <summary>Four steps; step 2 fails on purpose, so steps 3 and 4 must be reported skipped.</summary>
[Scenario("Demo", Order = 20)]
[Collection(DemoCollection.Name)]
public sealed class DemoScenario(ITestOutputHelper output)
{
    /// <summary>The failure message step 2 produces.</summary>
    public const string FailureMessage = "the service answered 503 (on purpose)";

    private readonly Narrator _narrator = new(output);

    /// <summary>Must never run: step 2 failed.</summary>
    [Step(4, "Uncordon the node")]
    public void Uncordon() => DemoJournal.Record();

    /// <summary>Must never run: step 2 failed.</summary>
    [Step(3, "Wait for the replacement")]
    public void WaitForReplacement() => DemoJournal.Record();

    /// <summary>Passes and narrates.</summary>
    [Step(1, "Cordon the node")]
    public void Cordon()
    {
        DemoJournal.Record();
        _narrator.By("Cordoning node worker-1");
    }

    /// <summary>Fails.</summary>
    [Step(2, "Drain the node")]
    public void Drain()
    {
        DemoJournal.Record();
        _narrator.By("Evicting pods from worker-1");
        throw new InvalidOperationException(FailureMessage);
    }
}
