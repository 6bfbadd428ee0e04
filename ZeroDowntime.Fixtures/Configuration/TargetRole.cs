namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>One of the target's roles, by its settings section (<c>head</c>, <c>workers</c>, <c>redis</c>).</summary>
public enum TargetRole
{
    /// <summary>The Ray head (<c>ZD_TARGET__HEAD__*</c>).</summary>
    Head,

    /// <summary>The Ray workers (<c>ZD_TARGET__WORKERS__*</c>).</summary>
    Workers,

    /// <summary>The Redis pods (<c>ZD_TARGET__REDIS__*</c>).</summary>
    Redis,
}
