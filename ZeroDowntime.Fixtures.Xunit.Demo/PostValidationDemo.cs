using Xunit;

namespace ZeroDowntime.Fixtures.Xunit.Demo;

/// <summary>Must run last; passes only if pre-validation ran earlier on the same shared cluster fixture.</summary>
[Scenario("PostValidation", Order = ScenarioAttribute.RunLast)]
[Collection(DemoCollection.Name)]
public sealed class PostValidationDemo(DemoCluster cluster)
{
    /// <summary>Passes when pre-validation marked this very fixture instance.</summary>
    [Step(1, "Check the cluster is whole")]
    public void Check()
    {
        DemoJournal.Record();
        Assert.True(cluster.PreValidated, "pre-validation did not run first on the shared cluster fixture");
    }
}
