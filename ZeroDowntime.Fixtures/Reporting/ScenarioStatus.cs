namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>The verdict of one scenario; written in lowercase (<c>pass</c>, <c>fail</c>...) to summary.json.</summary>
public enum ScenarioStatus
{
    /// <summary>Every step ran and every check held.</summary>
    Pass,

    /// <summary>A check did not hold (the service or the cluster misbehaved).</summary>
    Fail,

    /// <summary>The scenario did not run (filtered out, or an earlier failure made it pointless).</summary>
    Skipped,

    /// <summary>The suite itself could not do its job (API call failed, timeout outside a check...).</summary>
    Error,
}
