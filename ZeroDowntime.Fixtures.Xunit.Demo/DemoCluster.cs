namespace ZeroDowntime.Fixtures.Xunit.Demo;

/// <summary>Stands in for the cluster fixture: one instance shared by every scenario class of a run.</summary>
public sealed class DemoCluster
{
    /// <summary>Set by pre-validation; post-validation sees it only if both got the same instance.</summary>
    public bool PreValidated { get; set; }
}
