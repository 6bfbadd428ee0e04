using Xunit;

namespace ZeroDowntime.Fixtures.Xunit.Demo;

/// <summary>Must run first in a whole-suite run although its file and name sort late.</summary>
[Scenario("PreValidation", Order = ScenarioAttribute.RunFirst)]
[Collection(DemoCollection.Name)]
public sealed class PreValidationDemo(DemoCluster cluster)
{
    /// <summary>Passes and marks the shared cluster.</summary>
    [Step(1, "Check the cluster")]
    public void Check()
    {
        DemoJournal.Record();
        cluster.PreValidated = true;
    }
}
