namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>The label and annotation by which the suite marks what it created or changed, so a later run can repair it.</summary>
public static class SuiteLabels
{
    /// <summary>Label on every object the suite creates; the value is the run id.</summary>
    public const string Run = "zerodowntime.io/run";

    /// <summary>Annotation on every node the suite cordons; the value is the run id.</summary>
    public const string CordonedBy = "zerodowntime.io/cordoned-by";

    /// <summary>A new run id such as <c>zd-20250101-120000-3fa2</c> (sortable, a valid label value).</summary>
    public static string NewRunId() =>
        $"zd-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(2)).ToLowerInvariant()}";
}
